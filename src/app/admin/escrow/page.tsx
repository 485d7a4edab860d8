import { CalendarPlus, Landmark, Send, Undo2 } from 'lucide-react';
import type { Metadata } from 'next';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { listEscrowsForAdmin } from '@/server/escrow/admin';
import { escrowListQuery } from '@/server/escrow/schema';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { FilterLinks } from '@/ui/section-nav';
import { StatusBadge } from '@/ui/status-badge';
import { statusLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Escrow' };

const FILTERS = [
  ['held', 'Held'],
  ['released', 'Released'],
  ['refunded', 'Refunded'],
] as const;

const daysText = (n: number | null) => (n === null ? '—' : n < 0 ? `${-n} day${n === -1 ? '' : 's'} overdue` : n === 0 ? 'today' : `${n} day${n === 1 ? '' : 's'} left`);
const shortHash = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;
/** An on-chain decision recorded and sent, not yet seen on chain. */
const PENDING: Record<string, string> = {
  release: 'Release sent, waiting for confirmation',
  reject: 'Rejection refund sent, waiting for confirmation',
  refund_manual: 'Manual refund sent, waiting for confirmation',
  refund_timeout: 'Timeout refund sent, waiting for confirmation',
  extend: 'Deadline extension sent, waiting for confirmation',
};
const DAY_MS = 24 * 3600 * 1000;
/** The calendar days (UTC) an extension may pick: after the current deadline, its end of day at most the expiry. */
function extendDays(deadline: string, expires: string): { min: string; max: string } {
  const min = new Date(Date.parse(deadline) + DAY_MS).toISOString().slice(0, 10);
  const exp = Date.parse(expires);
  let max = new Date(exp).toISOString().slice(0, 10);
  if (Date.parse(`${max}T23:59:59Z`) > exp) max = new Date(exp - DAY_MS).toISOString().slice(0, 10);
  return { min, max };
}

/**
 * Money held in escrow: how long is left to decide (admin deadline) and before it expires (refunded
 * by the sweep), released to the deal or refunded by hand. The chain columns come straight from the
 * API's `chain` and `movements`, so on-chain escrows show their address and transaction hashes.
 */
export default async function AdminEscrowPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { tenant, principal } = await requireSession('/admin/escrow', ['tenant_admin']);
  const { status } = await searchParams;
  const parsed = escrowListQuery.safeParse({ status: status || 'held', limit: 200 });
  const q = parsed.success ? parsed.data : escrowListQuery.parse({ status: 'held', limit: 200 });
  const [{ escrows }, { deals }] = await Promise.all([listEscrowsForAdmin(tenant, principal, q), browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 }))]);
  const titles = new Map(deals.map((d) => [d.id, d.title]));
  return (
    <>
      <PageHeader title="Administration" description="Escrow: money held until the investor's checks pass. Release it to the deal or refund it before the deadline." />
      <AdminNav current="/admin/escrow" />
      <FilterLinks label="Escrow status" base="/admin/escrow" param="status" options={FILTERS} current={q.status ?? 'held'} />
      {escrows.length === 0 ? (
        <EmptyState icon={Landmark} title="Nothing here">
          {q.status === 'held' ? 'No money is held in escrow.' : 'No escrow has this status.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {escrows.map((e) => {
            const who = `${e.investor.firstName} ${e.investor.lastName}`.trim() || e.investor.email;
            const amount = formatMoney(e.amount, e.currency);
            const urgent = e.daysLeftToDecide !== null && e.daysLeftToDecide <= 3;
            return (
              <li key={e.id}>
                <Card data-testid="escrow-row">
                  <CardContent className="grid gap-4 pt-5 md:grid-cols-[1fr_auto] md:items-start">
                    <div className="min-w-0 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={e.status} label={humanize(e.status)} />
                        <span className="text-xs text-muted-foreground">Investment: {statusLabel(e.investmentStatus).toLowerCase()}</span>
                      </div>
                      {e.pendingDecision && (
                        <p className="mt-2 flex items-center gap-2 text-sm font-medium text-warning" data-testid="escrow-pending" role="status">
                          <span className="size-2 shrink-0 animate-pulse rounded-full bg-current" aria-hidden />
                          {PENDING[e.pendingDecision.action] ?? 'Decision sent, waiting for confirmation'}
                          {e.pendingDecision.requestedAt ? ` (since ${formatDateTime(e.pendingDecision.requestedAt)})` : ''}
                        </p>
                      )}
                      <h2 className="mt-2 text-lg font-semibold break-words">
                        {amount} · {who}
                      </h2>
                      <p className="text-xs break-all text-muted-foreground">
                        {e.investor.email} · {titles.get(e.dealId) ?? 'Deal'}
                      </p>
                      <dl className="mt-3 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-4">
                        <dt className="text-muted-foreground">Held since</dt>
                        <dd>{formatDateTime(e.createdAt)}</dd>
                        {e.status === 'held' && (
                          <>
                            <dt className="text-muted-foreground">Decide by</dt>
                            <dd className={urgent ? 'font-semibold text-danger' : undefined} data-testid="escrow-days-decide">
                              {formatDate(e.deadlineAdmin)} ({daysText(e.daysLeftToDecide)})
                            </dd>
                            <dt className="text-muted-foreground">Expires (auto refund)</dt>
                            <dd>
                              {formatDate(e.expiresAt)} ({daysText(e.daysLeftToExpiry)})
                            </dd>
                          </>
                        )}
                        {e.refund && (
                          <>
                            <dt className="text-muted-foreground">Refund reason</dt>
                            <dd className="break-words">
                              {humanize(e.refund.reason)}
                              {e.refund.note ? `: ${e.refund.note}` : ''}
                            </dd>
                          </>
                        )}
                        {e.chain.escrowAddress && (
                          <>
                            <dt className="text-muted-foreground">On chain</dt>
                            <dd className="font-mono text-xs break-all">
                              {e.chain.escrowAddress}
                              {e.chain.chainId ? ` (chain ${e.chain.chainId})` : ''}
                            </dd>
                          </>
                        )}
                      </dl>
                      {e.movements.length > 0 && (
                        <details className="mt-3">
                          <summary className="cursor-pointer font-medium text-primary-text">Movements ({e.movements.length})</summary>
                          <ul className="mt-2 grid gap-1" data-testid="escrow-movements">
                            {e.movements.map((m) => (
                              <li key={m.id} className="flex flex-wrap gap-x-2">
                                <span className="font-medium">{humanize(m.kind)}</span>
                                <span className="tabular-nums">{formatMoney(m.amount, e.currency)}</span>
                                <span className="text-muted-foreground">{formatDateTime(m.at)}</span>
                                {m.txHash && (
                                  <span className="font-mono text-xs" title={m.txHash}>
                                    tx {shortHash(m.txHash)}
                                  </span>
                                )}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </div>
                    {e.status === 'held' && !e.pendingDecision && (
                      <div className="flex flex-wrap gap-2 md:justify-end">
                        <DecisionDialog
                          label="Release"
                          icon={<Send aria-hidden />}
                          ariaLabel={`Release ${amount} from ${who}`}
                          title={`Release ${amount} to the deal?`}
                          description={
                            e.chain.escrowAddress
                              ? "The platform's operator key sends Escrow.release() on chain; the money goes into the sale once the transaction is confirmed. Release needs the investor's KYC approved and no open screening hit."
                              : "The money goes to the deal and the investment is confirmed. Release needs the investor's KYC approved and no open screening hit."
                          }
                          confirmLabel="Release"
                          path={`/api/admin/escrow/${e.id}/release`}
                          text={{ name: 'note', label: 'Note (optional)' }}
                        />
                        <DecisionDialog
                          label="Refund"
                          icon={<Undo2 aria-hidden />}
                          ariaLabel={`Refund ${amount} to ${who}`}
                          variant="outline"
                          confirmVariant="destructive"
                          title={`Refund ${amount} to ${who}?`}
                          description={
                            e.chain.escrowAddress
                              ? "The platform's admin key sends Escrow.refundManually() with the reason's hash on chain; the money goes back to the investor's wallet once the transaction is confirmed. This cannot be undone."
                              : 'The money goes back to the investor and the investment ends. This cannot be undone.'
                          }
                          confirmLabel="Refund"
                          path={`/api/admin/escrow/${e.id}/refund`}
                          text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                        />
                        {e.chain.escrowAddress && (
                          <DecisionDialog
                            label="Extend"
                            icon={<CalendarPlus aria-hidden />}
                            ariaLabel={`Extend the decision deadline for ${amount} from ${who}`}
                            variant="outline"
                            title="Extend the decision deadline?"
                            description={`The operator key sends Escrow.extendDecisionDeadline() on chain. The new deadline (end of the day, UTC) must be after ${formatDate(e.deadlineAdmin)} and at most the escrow's expiry, ${formatDateTime(e.expiresAt)}.`}
                            confirmLabel="Extend"
                            path={`/api/admin/escrow/${e.id}/extend`}
                            date={{ name: 'deadline', label: 'New decision deadline', ...extendDays(e.deadlineAdmin, e.expiresAt) }}
                          />
                        )}
                      </div>
                    )}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
