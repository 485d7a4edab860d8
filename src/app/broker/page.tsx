import { Download, Handshake } from 'lucide-react';
import type { Metadata } from 'next';
import { statementQuery } from '@/server/brokers/schema';
import { brokerDashboard, commissionStatement } from '@/server/brokers/service';
import { Forbidden } from '@/server/errors';
import { InviteClientForm } from '@/ui/broker-forms';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Input } from '@/ui/primitives/input';
import { Label } from '@/ui/primitives/label';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../session';

export const metadata: Metadata = { title: 'Broker' };

// The broker's workspace: profile and the deals they may offer, clients and invitations, the
// investments attributed to them, and the commission statement of a month (with its CSV).
export default async function BrokerPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const { tenant, principal } = await requireSession('/broker', ['broker']);
  const dash = await brokerDashboard(tenant, principal).catch((e) => {
    if (e instanceof Forbidden) return null;
    throw e;
  });
  if (!dash) {
    return (
      <>
        <PageHeader title="Broker" />
        <EmptyState icon={Handshake} title="Your broker profile is not set up yet">
          An administrator of {tenant.name} records your licence and commission first (Administration, Brokers).
        </EmptyState>
      </>
    );
  }
  const asked = statementQuery.safeParse({ period: (await searchParams).period });
  const period = asked.success ? asked.data.period : new Date().toISOString().slice(0, 7);
  const { statement } = await commissionStatement(tenant, principal, period);
  const b = dash.broker;

  return (
    <>
      <PageHeader title="Broker" description={`${b.displayName} · licence ${b.licenceNumber} (${b.licenceJurisdiction}) · commission ${(b.commissionBps / 100).toFixed(2)}%${b.status === 'suspended' ? ' · suspended' : ''}`} />
      <div className="grid gap-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>Invite a client</CardTitle>
              <CardDescription>The investor accepts the invitation under My broker. An investor has one broker at a time.</CardDescription>
            </CardHeader>
            <CardContent>
              <InviteClientForm />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Deals you may offer</CardTitle>
              <CardDescription>{b.allDeals ? 'Every deal of this platform.' : 'As your administrator set them.'} Investments in other deals are not attributed to you.</CardDescription>
            </CardHeader>
            <CardContent>
              {dash.deals.length === 0 ? (
                <p className="text-sm text-muted-foreground">None yet.</p>
              ) : (
                <ul className="grid gap-1 text-sm">
                  {dash.deals.map((d) => (
                    <li key={d.id}>
                      {d.title} <span className="text-muted-foreground">({humanize(d.status)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>

        <section aria-labelledby="clients-heading">
          <h2 id="clients-heading" className="mb-3 text-xl font-semibold">
            Clients
          </h2>
          {dash.clients.length === 0 ? (
            <p className="text-sm text-muted-foreground">No clients yet.</p>
          ) : (
            <Table stacked>
              <THead stacked>
                <tr>
                  <TH>Client</TH>
                  <TH>Email</TH>
                  <TH>Since</TH>
                  <TH>How</TH>
                </tr>
              </THead>
              <TBody stacked>
                {dash.clients.map((c) => (
                  <TR key={c.investorId} stacked>
                    <TD label="Client">{c.name}</TD>
                    <TD label="Email">{c.email}</TD>
                    <TD label="Since">{formatDate(c.attachedAt)}</TD>
                    <TD label="How">{c.source === 'invitation' ? 'Accepted your invitation' : 'Attached by an administrator'}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          {dash.invitations.some((i) => i.status === 'pending') && (
            <p className="mt-2 text-sm text-muted-foreground">
              Waiting for an answer: {dash.invitations.filter((i) => i.status === 'pending').map((i) => i.email).join(', ')}
            </p>
          )}
        </section>

        <section aria-labelledby="attributed-heading">
          <h2 id="attributed-heading" className="mb-3 text-xl font-semibold">
            Attributed investments
          </h2>
          {dash.investments.length === 0 ? (
            <p className="text-sm text-muted-foreground">No investments of your clients yet.</p>
          ) : (
            <Table stacked>
              <THead stacked>
                <tr>
                  <TH>Deal</TH>
                  <TH>Client</TH>
                  <TH>Amount</TH>
                  <TH>Status</TH>
                  <TH>Rate</TH>
                  <TH>Commission</TH>
                </tr>
              </THead>
              <TBody stacked>
                {dash.investments.map((i) => (
                  <TR key={i.id} stacked>
                    <TD label="Deal">{i.dealTitle}</TD>
                    <TD label="Client">{i.investorEmail}</TD>
                    <TD label="Amount">{formatMoney(i.amount, i.currency)}</TD>
                    <TD label="Status">
                      <Badge>{humanize(i.status)}</Badge>
                    </TD>
                    <TD label="Rate">{(i.commissionBps / 100).toFixed(2)}%</TD>
                    <TD label="Commission">{formatMoney(i.commission, i.currency)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </section>

        <section aria-labelledby="statement-heading">
          <h2 id="statement-heading" className="mb-3 text-xl font-semibold">
            Commission statement
          </h2>
          <form className="mb-3 flex flex-wrap items-end gap-2" method="get">
            <div className="grid gap-1">
              <Label htmlFor="statement-period">Month</Label>
              <Input id="statement-period" name="period" type="month" defaultValue={period} className="w-44" />
            </div>
            <button type="submit" className={buttonVariants({ variant: 'outline' })}>
              Show
            </button>
            <a href={`/api/broker/statements.csv?period=${period}`} className={buttonVariants({ variant: 'outline' })} download>
              <Download aria-hidden /> CSV
            </a>
          </form>
          {statement.lines.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing confirmed or refunded in {period}.</p>
          ) : (
            <Table stacked>
              <THead stacked>
                <tr>
                  <TH>Date</TH>
                  <TH>Line</TH>
                  <TH>Deal</TH>
                  <TH>Client</TH>
                  <TH>Amount</TH>
                  <TH>Commission</TH>
                </tr>
              </THead>
              <TBody stacked>
                {statement.lines.map((l) => (
                  <TR key={`${l.investmentId}-${l.kind}`} stacked>
                    <TD label="Date">{formatDateTime(l.at)}</TD>
                    <TD label="Line">{l.kind === 'credit' ? 'Confirmed' : 'Refunded'}</TD>
                    <TD label="Deal">{l.dealTitle}</TD>
                    <TD label="Client">{l.investorEmail}</TD>
                    <TD label="Amount">{formatMoney(l.amount, l.currency)}</TD>
                    <TD label="Commission">{formatMoney(l.commission, l.currency)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          {statement.totals.map((t) => (
            <p key={t.currency} className="mt-2 text-sm font-medium" data-testid="statement-total">
              {t.currency}: earned {formatMoney(t.credited, t.currency)}, refunds {formatMoney(t.deducted, t.currency)}, net {formatMoney(t.net, t.currency)}
            </p>
          ))}
        </section>
      </div>
    </>
  );
}
