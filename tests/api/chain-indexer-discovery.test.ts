// The indexer process follows what appears while it runs, without a restart: a chain whose
// platform system is deployed after the indexer started (it looks for chains again every
// discoverMs), and a tenant created and provisioned meanwhile (its factory is registered on
// chain, and the chain's worker takes its sales in for that tenant). Real anvil and PostgreSQL.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPendingSales } from '../../src/server/chain/deal-sales/deploy-sale';
import { startIndexer, type IndexerHandle } from '../../src/server/chain/indexer/runner';
import type { IndexedChain } from '../../src/server/chain/indexer/sync';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { startTestChain, type TestChain } from '../helpers/chain';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, type TestTenant } from '../helpers/tenants';

let runner: IndexerHandle;
let chain: TestChain | null = null;
const discovered: IndexedChain[] = [];
let discoveries = 0;

const indexedOf = (c: TestChain): IndexedChain => ({ chainId: c.chainId, client: c.publicClient as never, confirmations: 1, escrowFactories: [c.deployments.escrowFactory], startBlock: BigInt(c.deployments.deployedAtBlock) });

async function until<T>(what: string, read: () => Promise<T | undefined | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An active on-chain deal of a tenant created now, with its sale deployed; returns the sale address. */
async function tenantWithSale(c: TestChain): Promise<{ tenant: TestTenant; sale: string }> {
  const tenant = await makeTenant({ chains: [c.chainId] });
  await provisionTenantChain(tenant.id, c.chainId);
  const admin = await tokenFor(tenant, tenant.admin.email);
  const issuer = await makeVerifiedIssuer(tenant, admin);
  const deal = await makeActiveDeal(tenant, issuer.token, admin, { title: `Discovered ${randomBytes(3).toString('hex')}`, chainId: c.chainId });
  expect(await deployPendingSales({ tenantIds: [tenant.id], limit: 10 })).toEqual({ deployed: 1, failed: 0 });
  const row = await ownerDb().selectFrom('deals').select('sale_address').where('tenant_id', '=', tenant.id).where('id', '=', deal.id).executeTakeFirstOrThrow();
  return { tenant, sale: row.sale_address! };
}

const saleEvent = (chainId: number, sale: string) =>
  ownerDb().selectFrom('chain_events').select(['tenant_id', 'event_name', 'subject_kind']).where('chain_id', '=', String(chainId)).where('subject', '=', sale).executeTakeFirst();

beforeAll(() => {
  // Started with no chain at all, as the process is before `npm start` deployed the local system.
  runner = startIndexer([], {
    pollMs: 50,
    discoverMs: 200,
    discover: async () => {
      discoveries++;
      return [...discovered];
    },
  });
});

afterAll(async () => {
  await runner?.stop();
  await chain?.stop();
  await closePools();
});

describe('the indexer follows what appears while it runs', () => {
  it('a chain deployed after the start is followed, and its tenant sales are taken in', async () => {
    expect(runner.chains()).toEqual([]);
    chain = await startTestChain();
    discovered.push(indexedOf(chain));
    const { tenant, sale } = await tenantWithSale(chain);
    const c = chain;
    await until('the new chain to be followed', async () => runner.chains().includes(c.chainId));
    const seen = await until('the sale to be indexed', () => saleEvent(c.chainId, sale));
    expect(seen).toEqual({ tenant_id: tenant.id, event_name: 'SaleCreated', subject_kind: 'sale' });
    const cursor = await ownerDb().selectFrom('chain_cursors').select('block_number').where('chain_id', '=', String(c.chainId)).executeTakeFirstOrThrow();
    expect(BigInt(cursor.block_number)).toBeGreaterThanOrEqual(BigInt(c.deployments.deployedAtBlock));
  }, 240_000);

  it('a tenant created while it runs is attributed its own factory and sales; rediscovery does not start a second worker', async () => {
    const c = chain!;
    const before = discoveries;
    const { tenant, sale } = await tenantWithSale(c);
    const seen = await until('the new tenant sale to be indexed', () => saleEvent(c.chainId, sale));
    expect(seen).toEqual({ tenant_id: tenant.id, event_name: 'SaleCreated', subject_kind: 'sale' });
    const factory = await ownerDb().selectFrom('chain_events').select(['tenant_id', 'subject_kind']).where('chain_id', '=', String(c.chainId)).where('event_name', '=', 'TenantFactoryRegistered').where('tenant_id', '=', tenant.id).execute();
    expect(factory).toEqual([{ tenant_id: tenant.id, subject_kind: 'tenantFactory' }]);
    await until('another discovery round', async () => discoveries > before + 1);
    expect(runner.chains()).toEqual([c.chainId]);
  }, 240_000);
});
