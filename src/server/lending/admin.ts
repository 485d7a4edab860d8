// The tenant admin's lending use cases: open a pool (a pending row and the factory call, queued
// through the transaction manager in one database transaction; the indexer activates it), set an
// operator price, and write the risk disclosure members must acknowledge. Each is audited.
import { encodeFunctionData, type Address, type Hex } from 'viem';
import { lendingPoolAbi } from '../../../contracts/abi/LendingPool';
import { tenantFactoryAbi } from '../../../contracts/abi/TenantFactory';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { tenantIdFromUuid } from '../chain/tenant-id';
import { deployedFactory, tenantChains } from '../chain/tenant-contracts/repo';
import { enqueueTenantTransaction } from '../chain/tx-manager/queue';
import { withTenant } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { percentToWad, priceToScaled, requireLending, tokenFacts } from './access';
import { poolView } from './views';
import { collateralsOf, findLendingPool, insertLendingPool, listLendingPools, saveDisclosure, type CollateralRow } from './repo';
import type { CreateLendingPoolInput, LendingSettingsInput, SetPriceInput } from './schema';

const ZERO: Address = '0x0000000000000000000000000000000000000000';

export async function createLendingPool(tenant: TenantContext, admin: Principal, input: CreateLendingPoolInput, meta: RequestMeta) {
  requireLending(tenant);
  const factory = await withTenant(tenant.id, { userId: admin.userId }, (t) => deployedFactory(t, input.chainId));
  if (!factory?.factory_address) throw new Conflict('chain_not_provisioned', `This platform has no contracts on chain ${input.chainId} yet`);
  // Read before the transaction: the chain is not part of it, and decimals never change.
  const asset = await tokenFacts(input.chainId, input.asset, 'asset');
  const facts = await Promise.all(input.collaterals.map((c, i) => tokenFacts(input.chainId, c.token, `collaterals.${i}.token`)));
  const collaterals: CollateralRow[] = input.collaterals.map((c, i) => ({
    token: c.token,
    symbol: facts[i]!.symbol,
    decimals: facts[i]!.decimals,
    ltv_bps: c.ltvBps,
    liquidation_threshold_bps: c.liquidationThresholdBps,
    liquidation_bonus_bps: c.liquidationBonusBps,
    max_price_age_seconds: String(c.maxPriceAgeSeconds),
    feed: c.feed ?? null,
    initial_price: c.price === undefined ? '0' : priceToScaled(c.price, asset.decimals, facts[i]!.decimals, `collaterals.${i}.price`).toString(),
    position: i,
  }));
  const rates = { baseRate: percentToWad(input.baseRatePercent), slope1: percentToWad(input.slope1Percent), slope2: percentToWad(input.slope2Percent), optimalUtilisation: percentToWad(input.optimalUtilisationPercent) };
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const id = uuidv7();
    await insertLendingPool(
      t,
      { id, chainId: input.chainId, name: input.name, asset: input.asset, assetDecimals: asset.decimals, ...rates, reserveFactorBps: input.reserveFactorBps, closeFactorBps: input.closeFactorBps, minVerificationLevel: input.minVerificationLevel, createdBy: admin.userId },
      collaterals,
    );
    const tx = await enqueueTenantTransaction(t, 'operator', {
      chainId: input.chainId,
      to: factory.factory_address!,
      data: encodeFunctionData({
        abi: tenantFactoryAbi,
        functionName: 'createLendingPool',
        args: [
          { poolId: tenantIdFromUuid(id), asset: input.asset, ...rates, reserveFactorBps: input.reserveFactorBps, closeFactorBps: input.closeFactorBps },
          collaterals.map((c) => ({
            token: c.token as Address,
            config: { ltvBps: c.ltv_bps, liquidationThresholdBps: c.liquidation_threshold_bps, liquidationBonusBps: c.liquidation_bonus_bps, maxPriceAge: Number(c.max_price_age_seconds), feed: (c.feed ?? ZERO) as Address },
            price: BigInt(c.initial_price),
          })),
        ],
      }),
      purpose: 'lending.create_pool',
      referenceType: 'lending_pool',
      referenceId: id,
      dedupeKey: `lending_pool:${id}:create`,
    });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'lending.pool_created', targetType: 'lending_pool', targetId: id, metadata: { chainId: input.chainId, name: input.name, asset: input.asset, collaterals: collaterals.map((c) => c.token), txId: tx.id } }, meta);
    const row = (await findLendingPool(t, id))!;
    return { pool: { ...poolView(row, collaterals), creation: { transactionId: tx.id, status: tx.status } } };
  });
}

/** An operator-set price for a listed collateral without a feed, sent by the tenant operator key. */
export async function setCollateralPrice(tenant: TenantContext, admin: Principal, id: string, input: SetPriceInput, meta: RequestMeta) {
  requireLending(tenant);
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const pool = await findLendingPool(t, id);
    if (!pool) throw new NotFound('Lending pool not found');
    if (pool.status !== 'active' || !pool.pool_address) throw new Conflict('lending_pool_not_active', 'The pool is not on chain yet; set prices once its creation is indexed');
    const collateral = (await collateralsOf(t, id)).find((c) => c.token === input.token);
    if (!collateral) throw new ValidationError([{ field: 'token', message: `${input.token} is not a collateral of this pool` }]);
    if (collateral.feed) throw new Conflict('price_from_feed', `${collateral.symbol} is priced by its feed ${collateral.feed}, not by the tenant`);
    const scaled = priceToScaled(input.price, pool.asset_decimals, collateral.decimals, 'price');
    const chainId = Number(pool.chain_id);
    const tx = await enqueueTenantTransaction(t, 'operator', {
      chainId,
      to: pool.pool_address,
      data: encodeFunctionData({ abi: lendingPoolAbi, functionName: 'setPrice', args: [input.token as Hex, scaled] }),
      purpose: 'lending.set_price',
      referenceType: 'lending_pool',
      referenceId: id,
      dedupeKey: `lending_pool:${id}:price:${uuidv7()}`,
    });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'lending.price_set', targetType: 'lending_pool', targetId: id, metadata: { chainId, token: input.token, price: input.price, scaled: scaled.toString(), txId: tx.id } }, meta);
    return { price: { token: input.token, price: input.price, scaled: scaled.toString(), transaction: { id: tx.id, status: tx.status } } };
  });
}

/** A new disclosure version: every member acknowledges it again before their next supply or borrow. */
export async function saveLendingSettings(tenant: TenantContext, admin: Principal, input: LendingSettingsInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const version = await saveDisclosure(t, input.disclosureTitle, input.disclosureBody, admin.userId);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'lending.disclosure_updated', targetType: 'tenant', targetId: tenant.id, metadata: { version } }, meta);
    return { disclosure: { title: input.disclosureTitle, body: input.disclosureBody, version } };
  });
}

/** The chains this tenant has contracts on: where a pool can be opened. */
export async function provisionedChains(tenant: TenantContext, admin: Principal): Promise<number[]> {
  const rows = await withTenant(tenant.id, { userId: admin.userId }, (t) => tenantChains(t));
  return rows.filter((r) => r.deploy_status === 'deployed' && r.factory_address).map((r) => Number(r.chain_id));
}

/** For the demo seed: the tenant's pools with their on-chain addresses (null while pending). */
export async function poolAddresses(tenantId: string): Promise<{ id: string; address: string | null }[]> {
  const rows = await withTenant(tenantId, null, (t) => listLendingPools(t, { activeOnly: false }));
  return rows.map((r) => ({ id: r.id, address: r.pool_address }));
}
