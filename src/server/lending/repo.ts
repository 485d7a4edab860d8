// SQL of the lending module's own records: pools (created pending by an admin, activated by the
// indexer), their listed collaterals, and the tenant's risk disclosure with members' acknowledgements.
// The indexer's chain rows are in chain-repo.ts.
import type { TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';

export type LendingPoolRow = {
  id: string;
  chain_id: string;
  name: string;
  asset_token: string;
  asset_decimals: number;
  base_rate: string;
  slope1: string;
  slope2: string;
  optimal_utilisation: string;
  reserve_factor_bps: number;
  close_factor_bps: number;
  min_verification_level: VerificationLevel;
  status: 'pending' | 'active';
  pool_address: string | null;
  created_at: Date;
};

const POOL_COLUMNS = [
  'id',
  'chain_id',
  'name',
  'asset_token',
  'asset_decimals',
  'base_rate',
  'slope1',
  'slope2',
  'optimal_utilisation',
  'reserve_factor_bps',
  'close_factor_bps',
  'min_verification_level',
  'status',
  'pool_address',
  'created_at',
] as const;

export type NewLendingPool = {
  id: string;
  chainId: number;
  name: string;
  asset: string;
  assetDecimals: number;
  baseRate: bigint;
  slope1: bigint;
  slope2: bigint;
  optimalUtilisation: bigint;
  reserveFactorBps: number;
  closeFactorBps: number;
  minVerificationLevel: VerificationLevel;
  createdBy: string;
};

export type CollateralRow = {
  token: string;
  symbol: string;
  decimals: number;
  ltv_bps: number;
  liquidation_threshold_bps: number;
  liquidation_bonus_bps: number;
  max_price_age_seconds: string;
  feed: string | null;
  initial_price: string;
  position: number;
};

export async function insertLendingPool(t: TenantTx, p: NewLendingPool, collaterals: CollateralRow[]): Promise<void> {
  await t.tx
    .insertInto('lending_pools')
    .values({
      tenant_id: t.tenantId,
      id: p.id,
      chain_id: p.chainId,
      name: p.name,
      asset_token: p.asset.toLowerCase(),
      asset_decimals: p.assetDecimals,
      base_rate: p.baseRate,
      slope1: p.slope1,
      slope2: p.slope2,
      optimal_utilisation: p.optimalUtilisation,
      reserve_factor_bps: p.reserveFactorBps,
      close_factor_bps: p.closeFactorBps,
      min_verification_level: p.minVerificationLevel,
      created_by: p.createdBy,
    })
    .execute();
  await t.tx
    .insertInto('lending_collaterals')
    .values(collaterals.map((c) => ({ tenant_id: t.tenantId, pool_id: p.id, ...c, token: c.token.toLowerCase(), feed: c.feed?.toLowerCase() ?? null })))
    .execute();
}

export async function listLendingPools(t: TenantTx, opts: { activeOnly: boolean }): Promise<LendingPoolRow[]> {
  let q = t.tx.selectFrom('lending_pools').select(POOL_COLUMNS).where('tenant_id', '=', t.tenantId);
  if (opts.activeOnly) q = q.where('status', '=', 'active');
  return (await q.orderBy('created_at', 'desc').orderBy('id').execute()) as LendingPoolRow[];
}

export async function findLendingPool(t: TenantTx, id: string): Promise<LendingPoolRow | undefined> {
  return (await t.tx.selectFrom('lending_pools').select(POOL_COLUMNS).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst()) as
    | LendingPoolRow
    | undefined;
}

export async function collateralsOf(t: TenantTx, poolId: string): Promise<CollateralRow[]> {
  return (await t.tx
    .selectFrom('lending_collaterals')
    .select(['token', 'symbol', 'decimals', 'ltv_bps', 'liquidation_threshold_bps', 'liquidation_bonus_bps', 'max_price_age_seconds', 'feed', 'initial_price', 'position'])
    .where('tenant_id', '=', t.tenantId)
    .where('pool_id', '=', poolId)
    .orderBy('position')
    .execute()) as CollateralRow[];
}

// ---- risk disclosure

export type DisclosureRow = { disclosure_title: string; disclosure_body: string; disclosure_version: number; updated_at: Date };

export async function findDisclosure(t: TenantTx): Promise<DisclosureRow | undefined> {
  return t.tx.selectFrom('lending_settings').select(['disclosure_title', 'disclosure_body', 'disclosure_version', 'updated_at']).where('tenant_id', '=', t.tenantId).executeTakeFirst();
}

/** Writes the disclosure as a new version (1 for the first); returns the version. */
export async function saveDisclosure(t: TenantTx, title: string, body: string, by: string): Promise<number> {
  const r = await t.tx
    .insertInto('lending_settings')
    .values({ tenant_id: t.tenantId, disclosure_title: title, disclosure_body: body, disclosure_version: 1, updated_by: by })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet((eb) => ({
        disclosure_title: title,
        disclosure_body: body,
        disclosure_version: eb(eb.ref('lending_settings.disclosure_version'), '+', 1),
        updated_by: by,
        updated_at: new Date(),
      })),
    )
    .returning('disclosure_version')
    .executeTakeFirstOrThrow();
  return r.disclosure_version;
}

export async function hasAcknowledged(t: TenantTx, userId: string, version: number): Promise<boolean> {
  const r = await t.tx
    .selectFrom('lending_disclosure_acknowledgements')
    .select('user_id')
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('disclosure_version', '=', version)
    .executeTakeFirst();
  return !!r;
}

/** True when this acknowledgement is new (a repeat changes nothing). */
export async function insertAcknowledgement(t: TenantTx, userId: string, version: number): Promise<boolean> {
  const r = await t.tx
    .insertInto('lending_disclosure_acknowledgements')
    .values({ tenant_id: t.tenantId, user_id: userId, disclosure_version: version })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'disclosure_version']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return !!r;
}
