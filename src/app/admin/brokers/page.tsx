import type { Metadata } from 'next';
import { dealChoicesForAdmin, listBrokersForAdmin } from '@/server/brokers/service';
import { listTransferAgents } from '@/server/transfer-agents/service';
import { listTenantUsers } from '@/server/users/service';
import { AttachClientForm, BrokerForm, TransferAgentForm } from '@/ui/broker-forms';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Brokers and agents' };

// The admin's brokers and transfer agents: appoint one by granting the role (Users), then set up
// the profile here: licence, commission and offered deals for a broker, registration for an agent.
export default async function AdminBrokersPage() {
  const { tenant, principal } = await requireSession('/admin/brokers', ['tenant_admin']);
  const [{ brokers }, { transferAgents }, brokerUsers, agentUsers, investors, deals] = await Promise.all([
    listBrokersForAdmin(tenant, principal),
    listTransferAgents(tenant, principal),
    listTenantUsers(tenant, principal, { role: 'broker', limit: 100, offset: 0 }),
    listTenantUsers(tenant, principal, { role: 'transfer_agent', limit: 100, offset: 0 }),
    listTenantUsers(tenant, principal, { role: 'investor', limit: 100, offset: 0 }),
    dealChoicesForAdmin(tenant, principal),
  ]);
  const brokerCandidates = brokerUsers.users.filter((u) => !brokers.some((b) => b.userId === u.id)).map((u) => ({ id: u.id, email: u.email }));
  const agentCandidates = agentUsers.users.filter((u) => !transferAgents.some((a) => a.userId === u.id)).map((u) => ({ id: u.id, email: u.email }));
  const investorChoices = investors.users.map((u) => ({ id: u.id, email: u.email }));

  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: brokers (licence, commission, the deals they may offer, clients) and transfer agents. Grant the broker or transfer agent role under Users first.`} />
      <AdminNav current="/admin/brokers" />
      <h2 className="mb-4 text-xl font-semibold">Brokers</h2>
      <div className="grid gap-6 lg:grid-cols-2">
        {brokers.map((b) => (
          <Card key={b.id}>
            <CardHeader>
              <CardTitle>
                {b.displayName} {b.status === 'suspended' && <Badge tone="warning">Suspended</Badge>}
              </CardTitle>
              <CardDescription>
                {b.email} · {b.clients} {b.clients === 1 ? 'client' : 'clients'}
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <BrokerForm broker={b} candidates={[]} deals={deals} />
              <AttachClientForm brokerId={b.id} investors={investorChoices} />
            </CardContent>
          </Card>
        ))}
        <Card>
          <CardHeader>
            <CardTitle>Set up a broker</CardTitle>
            <CardDescription>{brokerCandidates.length ? 'Members holding the broker role without a profile.' : 'Every member with the broker role has a profile. Grant the role under Users to appoint another.'}</CardDescription>
          </CardHeader>
          <CardContent>{brokerCandidates.length > 0 && <BrokerForm candidates={brokerCandidates} deals={deals} />}</CardContent>
        </Card>
      </div>

      <h2 className="mt-8 mb-4 text-xl font-semibold">Transfer agents</h2>
      <div className="grid gap-6 lg:grid-cols-2">
        {transferAgents.map((a) => (
          <Card key={a.id}>
            <CardHeader>
              <CardTitle>
                {a.displayName} {a.status === 'suspended' && <Badge tone="warning">Suspended</Badge>}
              </CardTitle>
              <CardDescription>{a.email}</CardDescription>
            </CardHeader>
            <CardContent>
              <TransferAgentForm agent={a} candidates={[]} />
            </CardContent>
          </Card>
        ))}
        <Card>
          <CardHeader>
            <CardTitle>Set up a transfer agent</CardTitle>
            <CardDescription>{agentCandidates.length ? 'Members holding the transfer agent role without a profile.' : 'Every member with the transfer agent role has a profile. Grant the role under Users to appoint another.'}</CardDescription>
          </CardHeader>
          <CardContent>{agentCandidates.length > 0 && <TransferAgentForm candidates={agentCandidates} />}</CardContent>
        </Card>
      </div>
    </>
  );
}
