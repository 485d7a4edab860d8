import type { RequestMeta } from '../audit/service';
import { attachClientByAdmin, createBroker, myBrokerRelationship } from '../brokers/service';
import { createBrokerInput } from '../brokers/schema';
import { getConfig } from '../config';
import { withTenant } from '../db/tenant';
import { resolveTenant } from '../tenancy/resolve';
import { createTransferAgentInput } from '../transfer-agents/schema';
import { createTransferAgent, listTransferAgents } from '../transfer-agents/service';
import { principalFor } from './demo-deals';

// Alpha's demo broker and transfer agent for a first `npm start`, set up through the services the
// API uses: the broker (licence, 1.50% on every deal) represents investor2; the transfer agent keeps
// the registers. Idempotent: a profile that exists is left alone.

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

export type DemoBrokerAccounts = { admin: string; broker: string; transferAgent: string; client: string };

export async function seedDemoBrokers(tenantId: string, tenantSlug: 'alpha' | 'beta', a: DemoBrokerAccounts, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const tenant = await resolveTenant(`${tenantSlug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  const [admin, broker, agent, client] = await Promise.all([a.admin, a.broker, a.transferAgent, a.client].map((e) => principalFor(tenantId, e)));
  if (!tenant || !admin || !broker || !agent || !client) throw new Error(`seedDemoBrokers: tenant ${tenantSlug} or its demo accounts are missing`);
  const hasBroker = await withTenant(tenantId, null, (t) => t.tx.selectFrom('brokers').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', broker.userId).executeTakeFirst());
  if (!hasBroker) {
    const created = await createBroker(
      tenant,
      admin,
      createBrokerInput.parse({ userId: broker.userId, displayName: 'Alpha Harbour Securities', licenceNumber: 'CRD-771204', licenceJurisdiction: 'US-NY', commissionBps: 150, allDeals: true }),
      META,
    );
    if (!(await myBrokerRelationship(tenant, client)).broker) await attachClientByAdmin(tenant, admin, created.broker.id, client.userId, META);
    log(`seeded the ${tenantSlug} demo broker (${a.broker}, client ${a.client})`);
  }
  if (!(await listTransferAgents(tenant, admin)).transferAgents.some((x) => x.userId === agent.userId)) {
    await createTransferAgent(tenant, admin, createTransferAgentInput.parse({ userId: agent.userId, displayName: 'Alpha Registrar & Transfer', registrationNumber: '84-06112', registrationJurisdiction: 'US', contactEmail: a.transferAgent }), META);
    log(`seeded the ${tenantSlug} demo transfer agent (${a.transferAgent})`);
  }
}
