import { ArrowLeft, Download, UsersRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listDealInvestors } from '@/server/reporting/deal-investors';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatMoney } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { verificationLevelLabel } from '@/ui/status-labels';
import { ownDealPage } from '../../../own-deal';

export const metadata: Metadata = { title: 'Investors' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function DealInvestorsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal, deal } = await ownDealPage(id, `/issuer/deals/${id}/investors`);
  const { investors, totals } = await listDealInvestors(tenant, principal, deal.id);
  const m = (v: string) => formatMoney(v, deal.currency);
  return (
    <>
      <Link href={`/issuer/deals/${deal.id}`} className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> {deal.title}
      </Link>
      <PageHeader
        title="Investors"
        description={deal.title}
        actions={
          investors.length > 0 && (
            <a href={`/api/issuer/deals/${deal.id}/cap-table.csv`} download className={buttonVariants({ variant: 'outline' })}>
              <Download aria-hidden /> Cap table (CSV)
            </a>
          )
        }
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-3" data-testid="investor-totals">
        {[
          ['Investors', plural(totals.investors, 'investor', 'investors')],
          ['Confirmed', m(totals.confirmed)],
          ['Waiting (in escrow or for payment)', m(totals.pending)],
        ].map(([k, v]) => (
          <Card key={k}>
            <CardContent className="pt-5">
              <dl>
                <dt className="text-sm text-muted-foreground">{k}</dt>
                <dd className="mt-1 text-2xl font-semibold tracking-tight">{v}</dd>
              </dl>
            </CardContent>
          </Card>
        ))}
      </div>
      {investors.length === 0 ? (
        <EmptyState icon={UsersRound} title="No investors yet">
          Investors appear here as soon as they invest, with their amounts and verification.
        </EmptyState>
      ) : (
        <Card>
          <CardContent className="px-3 pt-3 sm:px-5">
            <Table stacked>
              <caption className="sr-only">Investors in {deal.title}</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Investor</TH>
                  <TH scope="col">Amount</TH>
                  <TH scope="col">State</TH>
                  <TH scope="col">Verification</TH>
                  <TH scope="col">Since</TH>
                </tr>
              </THead>
              <TBody stacked>
                {investors.map((i) => (
                  <TR key={i.investorId} stacked data-testid="investor-row">
                    <TD className="max-md:p-0">
                      <p className="font-medium">{i.name || i.email}</p>
                      <p className="text-xs break-all text-muted-foreground">{i.email}</p>
                    </TD>
                    <TD label="Amount">
                      <p className="font-medium">{m(i.confirmed)}</p>
                      {!/^0(\.0+)?$/.test(i.pending) && <p className="text-xs text-muted-foreground">+ {m(i.pending)} waiting</p>}
                    </TD>
                    <TD label="State">
                      <StatusBadge status={i.state} />
                    </TD>
                    <TD label="Verification">
                      <StatusBadge status={i.kycStatus} />
                      <p className="mt-1 text-xs text-muted-foreground">{verificationLevelLabel(i.verificationLevel)}</p>
                    </TD>
                    <TD label="Since" className="whitespace-nowrap">
                      {formatDate(i.firstInvestmentAt)}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </CardContent>
        </Card>
      )}
    </>
  );
}
