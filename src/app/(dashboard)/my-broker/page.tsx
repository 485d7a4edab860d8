import { Handshake } from 'lucide-react';
import type { Metadata } from 'next';
import { myBrokerRelationship } from '@/server/brokers/service';
import { InvitationAnswer } from '@/ui/broker-forms';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'My broker' };

const ACTION_LABEL: Record<string, string> = {
  invited: 'Invited you to become a client',
  invitation_revoked: 'Withdrew an invitation',
  viewed_investments: 'Looked at your investments',
  exported_statement: 'Exported a commission statement that includes your investments',
  detached: 'Stopped representing you',
};

// The investor's view of brokers: their broker, the invitations they received, and every action
// a broker took concerning them.
export default async function MyBrokerPage() {
  const { tenant, principal } = await requireSession('/my-broker');
  const r = await myBrokerRelationship(tenant, principal);
  const pending = r.invitations.filter((i) => i.status === 'pending');
  return (
    <>
      <PageHeader title="My broker" description="A licensed broker can represent you on this platform and earns a commission on your investments in the deals they offer." />
      <div className="grid gap-6">
        {r.broker ? (
          <Card className="max-w-2xl">
            <CardHeader>
              <CardTitle>{r.broker.displayName}</CardTitle>
              <CardDescription>
                Licence {r.broker.licenceNumber} ({r.broker.licenceJurisdiction}) · {r.broker.email} · your broker since {formatDate(r.broker.attachedAt)}
              </CardDescription>
            </CardHeader>
          </Card>
        ) : (
          pending.length === 0 && (
            <EmptyState icon={Handshake} title="You have no broker">
              A broker’s invitation appears here for you to accept or decline.
            </EmptyState>
          )
        )}
        {pending.length > 0 && (
          <section aria-labelledby="invitations-heading" className="grid gap-3">
            <h2 id="invitations-heading" className="text-xl font-semibold">
              Invitations
            </h2>
            {pending.map((i) => (
              <Card key={i.id} className="max-w-2xl">
                <CardHeader>
                  <CardTitle>{i.brokerName}</CardTitle>
                  <CardDescription>
                    Licence {i.licenceNumber} ({i.licenceJurisdiction}) · {formatDate(i.createdAt)}
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-3">
                  {i.message && <p className="text-sm">{i.message}</p>}
                  <InvitationAnswer id={i.id} />
                </CardContent>
              </Card>
            ))}
          </section>
        )}
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading" className="mb-3 text-xl font-semibold">
            What brokers did concerning you
          </h2>
          {r.actions.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing yet.</p>
          ) : (
            <Table stacked>
              <THead stacked>
                <tr>
                  <TH>When</TH>
                  <TH>Broker</TH>
                  <TH>What</TH>
                </tr>
              </THead>
              <TBody stacked>
                {r.actions.map((x) => (
                  <TR key={x.id} stacked>
                    <TD label="When">{formatDateTime(x.at)}</TD>
                    <TD label="Broker">{x.brokerName}</TD>
                    <TD label="What">
                      {ACTION_LABEL[x.action] ?? x.action}
                      {x.detail && <span className="block text-muted-foreground">{x.detail}</span>}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      </div>
    </>
  );
}
