// SQL of deal sale deployment: the platform-side scan (owner) and the tenant-side binding.
import { sql, type Kysely } from 'kysely';
import type { TenantTx } from '../../db/tenant';
import type { Database } from '../../db/types';

type Db = Kysely<Database>;

/** Live on-chain deals without a sale (or without the pool they should have) whose tenant factory is deployed on the deal's chain. */
export async function dealsAwaitingSale(db: Db, limit: number, tenantIds?: string[]) {
  let q = db
    .selectFrom('deals as d')
    .innerJoin('tenant_chain_contracts as c', (j) => j.onRef('c.tenant_id', '=', 'd.tenant_id').on(sql<boolean>`c.chain_id = d.chain_id`))
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select(['d.tenant_id', 'd.id', 'd.slug', 'd.chain_id', 'd.currency_decimals', 'd.payment_token_address', 'd.soft_cap', 'd.hard_cap', 'd.min_ticket', 'd.max_ticket', 'd.starts_at', 'd.ends_at', 'd.issuer_id', 'd.sale_address', 'd.pool_lock_at', 'd.pool_address', 'c.factory_address'])
    .where('d.status', '=', 'active')
    .where('d.chain_id', 'is not', null)
    .where((eb) => eb.or([eb('d.sale_address', 'is', null), eb.and([eb('d.pool_lock_at', 'is not', null), eb('d.pool_address', 'is', null)])]))
    .where('c.deploy_status', '=', 'deployed')
    .where('t.status', '=', 'active')
    // A deal whose sale transaction failed waits for an admin's retry (GET /api/admin/chain/transactions?status=failed).
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('chain_transactions as x').select('x.id').whereRef('x.tenant_id', '=', 'd.tenant_id').where('x.reference_type', '=', 'deal').where(sql<boolean>`x.reference_id = d.id::text`).where('x.status', '=', 'failed'))),
    )
    .orderBy('d.approved_at')
    .limit(limit);
  if (tenantIds) q = q.where('d.tenant_id', 'in', tenantIds);
  return q.execute();
}

/** The issuer's wallet on the deal's chain, when its owner linked one: the sale pays the issuer there. */
export async function issuerWallet(t: TenantTx, issuerId: string, chainId: number): Promise<string | null> {
  const row = await t.tx
    .selectFrom('issuers as i')
    .innerJoin('wallet_links as w', (j) => j.onRef('w.tenant_id', '=', 'i.tenant_id').onRef('w.user_id', '=', 'i.user_id'))
    .select('w.address')
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.id', '=', issuerId)
    .where('w.chain_id', '=', String(chainId) as never)
    .orderBy('w.linked_at')
    .executeTakeFirst();
  return row?.address ?? null;
}

export async function setDealSale(t: TenantTx, dealId: string, v: { sale: string; escrowFactory: string }): Promise<number> {
  const r = await t.tx
    .updateTable('deals')
    .set({ sale_address: v.sale.toLowerCase(), escrow_factory_address: v.escrowFactory.toLowerCase(), updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .where('sale_address', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The deal's Pool, once TenantFactory.createPool is mined (only where the deal has a pool and none yet). */
export async function setDealPool(t: TenantTx, dealId: string, pool: string): Promise<number> {
  const r = await t.tx
    .updateTable('deals')
    .set({ pool_address: pool.toLowerCase(), updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .where('pool_lock_at', 'is not', null)
    .where('pool_address', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
