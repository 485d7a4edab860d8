// SQL of tenant provisioning on chain. Platform side (owner, withChainSystem / withPlatform)
// except where a TenantTx is taken.
import type { Kysely } from 'kysely';
import type { TenantTx } from '../../db/tenant';
import type { Database } from '../../db/types';

type Db = Kysely<Database>;

export async function insertPendingChains(db: Db, tenantId: string, chainIds: number[]): Promise<void> {
  if (chainIds.length === 0) return;
  await db
    .insertInto('tenant_chain_contracts')
    .values(chainIds.map((chainId) => ({ tenant_id: tenantId, chain_id: chainId })))
    .onConflict((oc) => oc.columns(['tenant_id', 'chain_id']).doNothing())
    .execute();
}

export async function pendingTenantChains(db: Db, limit: number) {
  return db
    .selectFrom('tenant_chain_contracts as c')
    .innerJoin('tenants as t', 't.id', 'c.tenant_id')
    .select(['c.tenant_id', 'c.chain_id', 't.slug'])
    .where('c.deploy_status', '=', 'pending')
    .where('t.status', '=', 'active')
    // A failed attempt writes last_error and updated_at: it goes to the back, so one tenant whose
    // chain is unreachable never starves the others.
    .orderBy('c.updated_at')
    .limit(limit)
    .execute();
}

export async function lockTenantChain(db: Db, tenantId: string, chainId: number) {
  return db.selectFrom('tenant_chain_contracts').selectAll().where('tenant_id', '=', tenantId).where('chain_id', '=', String(chainId)).forUpdate().executeTakeFirst();
}

export async function updateTenantChain(
  db: Db,
  tenantId: string,
  chainId: number,
  set: Partial<{ deploy_status: 'pending' | 'deployed' | 'failed'; factory_address: string | null; operator_address: string; admin_address: string; treasury_address: string; deploy_tx_hash: string | null; deployed_block: string | null; last_error: string | null }>,
): Promise<void> {
  await db.updateTable('tenant_chain_contracts').set({ ...set, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('chain_id', '=', String(chainId)).execute();
}

/** The tenant's own view (RLS + explicit filter). */
export async function tenantChains(t: TenantTx) {
  return t.tx.selectFrom('tenant_chain_contracts').selectAll().where('tenant_id', '=', t.tenantId).orderBy('chain_id').execute();
}

export async function deployedFactory(t: TenantTx, chainId: number) {
  return t.tx
    .selectFrom('tenant_chain_contracts')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('deploy_status', '=', 'deployed')
    .executeTakeFirst();
}

export async function txByDedupe(db: Db, chainId: number, dedupeKey: string) {
  return db.selectFrom('chain_transactions').selectAll().where('chain_id', '=', String(chainId)).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}
