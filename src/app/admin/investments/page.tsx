import { Check, Undo2, Wallet } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listInvestmentsForOperator } from '@/server/investments/admin-list';
import { adminInvestmentListQuery } from '@/server/investments/schema';
import { ConfirmAction } from '@/ui/confirm-action';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime, formatMoney, humanize } from '@/ui/format';
import { FilterForm, Pager } from '@/ui/list-filters';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Input, NativeSelect } from '@/ui/primitives/input';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { statusLabel } from '@/ui/status-labels';
import { pageMeta } from '../../page-meta';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Investments' };

const STATUSES = ['pending_kyc', 'pending_payment', 'in_escrow', 'confirmed', 'refunded', 'cancelled'] as const;
const LIMIT = 25;

/** Every investment of the tenant: confirm money that arrived, refund money that goes back. */
export default async function AdminInvestmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { tenant, principal } = await requireSession('/admin/investments', ['tenant_admin']);
  const sp = await searchParams;
  const parsed = adminInvestmentListQuery.safeParse({ status: sp.status || undefined, dealId: sp.dealId || undefined, investor: sp.investor || undefined, offset: sp.offset || undefined, limit: LIMIT });
  const q = parsed.success ? parsed.data : adminInvestmentListQuery.parse({ limit: LIMIT });
  const { investments, total } = await listInvestmentsForOperator(tenant, principal, q, await pageMeta());
  return (
    <>
      <PageHeader title="Administration" description="Investments: confirm the money that arrived, refund what goes back." />
      <AdminNav current="/admin/investments" />
      <FilterForm action="/admin/investments" label="Filter investments" resetHref="/admin/investments">
        <div className="grid gap-1.5">
          <label htmlFor="filter-status" className="text-sm font-medium">
            Status
          </label>
          <NativeSelect id="filter-status" name="status" defaultValue={q.status ?? ''} className="sm:w-44">
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <label htmlFor="filter-investor" className="text-sm font-medium">
            Investor
          </label>
          <Input id="filter-investor" name="investor" defaultValue={q.investor ?? ''} placeholder="Name or email" className="sm:w-56" />
        </div>
        {q.dealId && <input type="hidden" name="dealId" value={q.dealId} />}
      </FilterForm>
      {!parsed.success && <p className="mb-4 text-sm text-danger">Those filters are not valid; showing every investment.</p>}
      {investments.length === 0 ? (
        <EmptyState icon={Wallet} title="No investments found">
          {q.status || q.investor || q.dealId ? 'No investment matches these filters.' : 'Investments appear here when investors commit to a deal.'}
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-2 pt-2 sm:px-5">
            <Table stacked>
              <caption className="sr-only">Investments</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Investor</TH>
                  <TH scope="col">Deal</TH>
                  <TH scope="col" className="text-right">
                    Amount
                  </TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">Placed</TH>
                  <TH scope="col">
                    <span className="sr-only">Actions</span>
                  </TH>
                </tr>
              </THead>
              <TBody stacked>
                {investments.map((i) => {
                  const who = `${i.investor.firstName} ${i.investor.lastName}`.trim() || i.investor.email;
                  const amount = formatMoney(i.amount, i.currency);
                  return (
                    <TR key={i.id} stacked data-testid="investment-row">
                      <TD className="max-md:p-0">
                        <p className="font-medium break-words">{who}</p>
                        <p className="text-xs break-all text-muted-foreground">{i.investor.email}</p>
                      </TD>
                      <TD label="Deal">
                        <Link href={`/admin/investments?dealId=${i.deal.id}`} className="hover:underline">
                          {i.deal.title}
                        </Link>
                      </TD>
                      <TD label="Amount" className="text-right tabular-nums">
                        {amount}
                        <p className="text-xs text-muted-foreground">{humanize(i.paymentMethod)}</p>
                      </TD>
                      <TD label="Status">
                        <StatusBadge status={i.status} />
                        {i.reason && <p className="mt-1 max-w-56 text-xs text-muted-foreground">{i.reason}</p>}
                      </TD>
                      <TD label="Placed" className="text-xs text-muted-foreground">
                        {formatDateTime(i.createdAt)}
                      </TD>
                      <TD className="max-md:p-0">
                        <div className="flex flex-wrap gap-2 md:justify-end">
                          {i.canConfirm && (
                            <ConfirmAction
                              label="Confirm"
                              icon={<Check aria-hidden />}
                              ariaLabel={`Confirm ${amount} from ${who}`}
                              title={`Confirm ${amount} from ${who}?`}
                              description="Record that the money arrived: it counts as raised for the deal and the investor is told."
                              confirmLabel="Confirm received"
                              request={{ path: `/api/admin/investments/${i.id}/confirm`, json: {} }}
                            />
                          )}
                          {i.canRefund && (
                            <DecisionDialog
                              label="Refund"
                              icon={<Undo2 aria-hidden />}
                              ariaLabel={`Refund ${amount} to ${who}`}
                              variant="outline"
                              confirmVariant="destructive"
                              title={`Refund ${amount} to ${who}?`}
                              description="The investment ends and its amount no longer counts for the deal. The investor sees the reason."
                              confirmLabel="Refund"
                              path={`/api/admin/investments/${i.id}/refund`}
                              text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                            />
                          )}
                        </div>
                      </TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
            <Pager base="/admin/investments" params={{ status: q.status, investor: q.investor, dealId: q.dealId }} offset={q.offset} limit={LIMIT} total={total} />
          </CardContent>
        </Card>
      )}
    </>
  );
}
