import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden, NotFound } from '@/server/errors';
import { capTable } from '@/server/transfer-agents/service';
import { listTenantUsers } from '@/server/users/service';
import { CorporateActionForm } from '@/ui/broker-forms';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { Badge } from '@/ui/primitives/badge';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Holder register' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One deal's official holder register: holders and their restrictions, totals against confirmed
// investments, the reconciliation with the sale on chain, corporate actions, and the CSV export.
export default async function RegisterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/transfer-agent/deals/${id}`, ['transfer_agent']);
  if (!UUID.test(id)) notFound();
  const r = await capTable(tenant, principal, id).catch((e) => {
    if (e instanceof NotFound || e instanceof Forbidden) return null;
    throw e;
  });
  if (!r) notFound();
  const cur = r.deal.currency;
  const holders = r.holders.map((h) => ({ id: h.holderId, label: `${h.name} (${h.email})` }));
  // A transfer may go to any investor of the platform, not only to a current holder.
  const investors = await listTenantUsers(tenant, principal, { role: 'investor', limit: 100, offset: 0 });
  const members = [...holders, ...investors.users.filter((u) => !holders.some((h) => h.id === u.id)).map((u) => ({ id: u.id, label: `${u.firstName} ${u.lastName} (${u.email})` }))];

  return (
    <>
      <PageHeader
        title={r.deal.title}
        description={`Holder register as of ${formatDateTime(r.asOf)}`}
        actions={
          <>
            <Link href="/transfer-agent" className={buttonVariants({ variant: 'outline' })}>
              All registers
            </Link>
            <a href={`/api/transfer-agent/deals/${r.deal.id}/cap-table.csv`} className={buttonVariants()} download>
              <Download aria-hidden /> Export CSV
            </a>
          </>
        }
      />
      <div className="grid gap-6">
        <div className="grid gap-3 sm:grid-cols-3">
          <Card>
            <CardHeader>
              <CardDescription>Held</CardDescription>
              <CardTitle data-testid="register-held">{formatMoney(r.totals.held, cur)}</CardTitle>
            </CardHeader>
          </Card>
          <Card>
            <CardHeader>
              <CardDescription>Confirmed investments</CardDescription>
              <CardTitle>{formatMoney(r.totals.confirmedInvestments, cur)}</CardTitle>
            </CardHeader>
          </Card>
          <Card>
            <CardHeader>
              <CardDescription>Holders</CardDescription>
              <CardTitle>{r.totals.holders}</CardTitle>
            </CardHeader>
          </Card>
        </div>
        {!r.totals.balanced && <Alert tone="error">The register does not add up to the confirmed investments.</Alert>}
        {r.reconciliation.status === 'mismatch' && <Alert tone="error">The register does not match the sale’s contributions on chain: see the wallets below.</Alert>}
        {r.reconciliation.status === 'reconciled' && <Alert tone="success">Every wallet matches the sale’s contributions on chain (indexed to block {r.reconciliation.indexedBlock}).</Alert>}

        <section aria-labelledby="holders-heading">
          <h2 id="holders-heading" className="mb-3 text-xl font-semibold">
            Holders
          </h2>
          <Table stacked>
            <THead stacked>
              <tr>
                <TH>Holder</TH>
                <TH>Amount</TH>
                <TH>Share</TH>
                <TH>Acquired</TH>
                <TH>Cost basis</TH>
                <TH>Restrictions</TH>
              </tr>
            </THead>
            <TBody stacked>
              {r.holders.map((h) => (
                <TR key={h.holderId} stacked>
                  <TD label="Holder">
                    <span className="font-medium">{h.name}</span>
                    <span className="block text-muted-foreground">{h.email}</span>
                  </TD>
                  <TD label="Amount">{formatMoney(h.amount, cur)}</TD>
                  <TD label="Share">{h.percent}%</TD>
                  <TD label="Acquired">{formatDate(h.firstAcquiredAt)}</TD>
                  <TD label="Cost basis">{formatMoney(h.costBasis, cur)}</TD>
                  <TD label="Restrictions">
                    {h.restrictions.length === 0 ? (
                      <span className="text-muted-foreground">None</span>
                    ) : (
                      <ul className="grid gap-1">
                        {h.restrictions.map((x, i) => (
                          <li key={i}>
                            <Badge tone={x.kind === 'frozen' || x.stopTransfer ? 'danger' : 'neutral'}>{x.kind === 'frozen' ? 'Frozen' : 'Legend'}</Badge> <span className="text-xs">{x.summary}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </section>

        {r.reconciliation.status !== 'not_on_chain' && (
          <section aria-labelledby="chain-heading">
            <h2 id="chain-heading" className="mb-3 text-xl font-semibold">
              Reconciliation with the chain
            </h2>
            <p className="mb-2 text-sm text-muted-foreground">Confirmed investments per wallet against the sale’s contributions as indexed (payment-token base units). Transfers recorded here move no tokens.</p>
            <Table stacked>
              <THead stacked>
                <tr>
                  <TH>Wallet</TH>
                  <TH>Register</TH>
                  <TH>On chain</TH>
                  <TH>Match</TH>
                </tr>
              </THead>
              <TBody stacked>
                {r.reconciliation.wallets.map((w) => (
                  <TR key={w.wallet} stacked>
                    <TD label="Wallet" className="font-mono text-xs break-all">
                      {w.wallet}
                    </TD>
                    <TD label="Register">{w.expected}</TD>
                    <TD label="On chain">{w.onChain}</TD>
                    <TD label="Match">{w.matches ? <Badge tone="success">Yes</Badge> : <Badge tone="danger">Mismatch</Badge>}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </section>
        )}

        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Record a corporate action</CardTitle>
              <CardDescription>Transfers approved off chain pass the compliance transfer gates (Rule 144, Reg S, Reg CF, stop-transfer). Every action is audited.</CardDescription>
            </CardHeader>
            <CardContent>
              <CorporateActionForm dealId={r.deal.id} holders={holders} members={members} />
            </CardContent>
          </Card>
          <section aria-labelledby="actions-heading">
            <h2 id="actions-heading" className="mb-3 text-xl font-semibold">
              Corporate actions
            </h2>
            {r.actions.length === 0 ? (
              <p className="text-sm text-muted-foreground">None recorded.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {r.actions
                  .slice()
                  .reverse()
                  .map((x) => (
                    <li key={x.id} className="rounded border border-border p-2">
                      <span className="font-medium">{humanize(x.kind)}</span> · {x.holderEmail}
                      {x.kind === 'transfer' && ` → ${x.toHolderEmail} · ${formatMoney(x.amount, cur)}`} · {formatDate(x.effectiveAt)}
                      <span className="block text-muted-foreground">{x.reason}</span>
                    </li>
                  ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
