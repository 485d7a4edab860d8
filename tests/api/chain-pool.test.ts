// A deal with a Pool ("Contract Deployment Flow", step 4) on a real anvil and PostgreSQL: the
// sale deployment job creates the deal's Pool through the tenant's factory right after its sale,
// stores its address (shown on the deal), the contracts agree with each other (the sale knows its
// pool, the pool its sale and lock time), a rerun deploys nothing twice, and the indexer
// attributes the pool to the deal's tenant. Bad pool settings get a 400 naming the field.
import { randomBytes } from 'node:crypto';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolAbi } from '../../contracts/abi/Pool';
import { tokenSaleAbi } from '../../contracts/abi/TokenSale';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { deployPendingSales } from '../../src/server/chain/deal-sales/deploy-sale';
import { syncChainOnce } from '../../src/server/chain/indexer/sync';
import { provisionTenantChain } from '../../src/server/chain/tenant-contracts/provision';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { startTestChain, type TestChain } from '../helpers/chain';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, type TestTenant } from '../helpers/tenants';

let chain: TestChain;
let tenant: TestTenant;
let admin: string;
let issuer: { token: string };

const DAY = 86_400_000;

beforeAll(async () => {
  chain = await startTestChain();
  tenant = await makeTenant({ chains: [chain.chainId] });
  await provisionTenantChain(tenant.id, chain.chainId);
  admin = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, admin);
}, 240_000);

afterAll(async () => {
  await chain?.stop();
  await closePools();
});

const dealRow = (id: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('deals').select(['sale_address', 'pool_address', 'pool_lock_at']).where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow());

describe('a deal with a pool', () => {
  it('gets its Pool deployed beside its sale, stored, shown and indexed; a rerun deploys nothing', async () => {
    const lockAt = new Date(Math.floor((Date.now() + 10 * DAY) / 1000) * 1000);
    const deal = await makeActiveDeal(tenant, issuer.token, admin, {
      title: `Pooled deal ${randomBytes(3).toString('hex')}`,
      chainId: chain.chainId,
      endsAt: new Date(Date.now() + 60 * DAY).toISOString(),
      poolLockAt: lockAt.toISOString(),
    });
    expect(deal.settlement.pool).toEqual({ address: null, lockAt: lockAt.toISOString(), explorerUrl: null });

    expect(await deployPendingSales({ tenantIds: [tenant.id], limit: 100 })).toEqual({ deployed: 1, failed: 0 });
    const row = await dealRow(deal.id);
    expect(row.sale_address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(row.pool_address).toMatch(/^0x[0-9a-f]{40}$/);

    // The contracts agree: the sale knows its pool; the pool invests into that sale, locking when the deal said.
    const read = chain.publicClient.readContract.bind(chain.publicClient) as (a: { address: Hex; abi: unknown; functionName: string }) => Promise<unknown>;
    expect(String(await read({ address: row.sale_address as Hex, abi: tokenSaleAbi, functionName: 'pool' })).toLowerCase()).toBe(row.pool_address);
    expect(String(await read({ address: row.pool_address as Hex, abi: poolAbi, functionName: 'sale' })).toLowerCase()).toBe(row.sale_address);
    expect(await read({ address: row.pool_address as Hex, abi: poolAbi, functionName: 'lockTime' })).toBe(BigInt(lockAt.getTime() / 1000));

    // Shown on the deal (no explorer for a local chain) and audited once.
    const detail = await call(getDeal, { host: tenant.host, token: admin, params: { id: deal.id } });
    expect(detail.status).toBe(200);
    expect(detail.json.poolAddress).toBe(row.pool_address);
    expect(detail.json.settlement.pool).toEqual({ address: row.pool_address, lockAt: lockAt.toISOString(), explorerUrl: null });
    const audits = await ownerDb().selectFrom('audit_logs').select(['action', 'metadata']).where('tenant_id', '=', tenant.id).where('target_id', '=', deal.id).where('action', '=', 'deal.pool_deployed').execute();
    expect(audits).toHaveLength(1);

    // A rerun finds nothing to deploy: one sale, one pool.
    expect(await deployPendingSales({ tenantIds: [tenant.id], limit: 100 })).toEqual({ deployed: 0, failed: 0 });
    const txs = await ownerDb().selectFrom('chain_transactions').select('purpose').where('tenant_id', '=', tenant.id).where('reference_id', '=', deal.id).execute();
    expect(txs.map((t) => t.purpose).sort()).toEqual(['deal.create_pool', 'deal.create_sale', 'deal.deploy_sale_token']);

    // The indexer takes the pool in as one of this tenant's contracts.
    await syncChainOnce({ chainId: chain.chainId, client: chain.publicClient as never, confirmations: 1, escrowFactories: [chain.deployments.escrowFactory], startBlock: BigInt(chain.deployments.deployedAtBlock) });
    const registered = await ownerDb().selectFrom('chain_events').select(['tenant_id', 'event_name', 'subject_kind']).where('chain_id', '=', String(chain.chainId)).where('subject', '=', row.pool_address!).execute();
    expect(registered).toEqual([{ tenant_id: tenant.id, event_name: 'PoolCreated', subject_kind: 'pool' }]);
  }, 120_000);

  it('a deal without a pool gets none', async () => {
    const deal = await makeActiveDeal(tenant, issuer.token, admin, { title: `Plain deal ${randomBytes(3).toString('hex')}`, chainId: chain.chainId });
    expect(deal.settlement.pool).toBeNull();
    expect(await deployPendingSales({ tenantIds: [tenant.id], limit: 100 })).toEqual({ deployed: 1, failed: 0 });
    const row = await dealRow(deal.id);
    expect(row.sale_address).toMatch(/^0x[0-9a-f]{40}$/);
    expect(row.pool_address).toBeNull();
  }, 120_000);

  it('refuses a pool off chain, locking in the past or after the deal ends', async () => {
    const future = new Date(Date.now() + 5 * DAY).toISOString();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ poolLockAt: future }, /on-chain deal/],
      [{ chainId: chain.chainId, poolLockAt: new Date(Date.now() - DAY).toISOString() }, /in the future/],
      [{ chainId: chain.chainId, poolLockAt: future, endsAt: new Date(Date.now() + 2 * DAY).toISOString() }, /no later than the deal ends/],
    ];
    for (const [body, message] of cases) {
      const r = await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title: `Bad pool ${randomBytes(3).toString('hex')}`, ...body } });
      expect(r.status, JSON.stringify(r.json)).toBe(400);
      expect(JSON.stringify(r.json)).toContain('poolLockAt');
      expect(JSON.stringify(r.json)).toMatch(message);
    }
  }, 60_000);
});
