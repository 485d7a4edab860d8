// Shared by the LendingPool tests and bench/lending-gas.ts: the default market terms and a pool opened
// for the demo tenant through its TenantFactory (createLendingPool, by the tenant operator), as the
// platform does.
import { parseEventLogs, type Address, type Hex } from 'viem';
import { abis, DAY, expectOk, type Harness } from './harness';
import { WAD, type CollateralTerms, type LendingTerms } from './lending-model';

export const defaultLendingTerms: LendingTerms = {
  baseRate: WAD / 50n, // 2% a year
  slope1: WAD / 10n, // +10% up to the kink
  slope2: 3n * WAD, // +300% from the kink to 100%
  optimalUtilisation: (WAD * 8n) / 10n,
  reserveFactorBps: 1_000n,
  closeFactorBps: 5_000n,
};
/** DEAL (18 decimals): price set by the tenant operator, 1 day old at most. */
export const dealTerms: CollateralTerms = { ltvBps: 7_000n, liquidationThresholdBps: 8_000n, liquidationBonusBps: 500n, maxPriceAge: DAY };
/** WETH (18 decimals): a Chainlink-style feed with 8 decimals, 1 hour old at most. */
export const wethTerms: CollateralTerms = { ltvBps: 7_500n, liquidationThresholdBps: 8_250n, liquidationBonusBps: 500n, maxPriceAge: 3_600n };
export const NO_FEED: Address = '0x0000000000000000000000000000000000000000';

export type InitialCollateral = { token: Address; terms: CollateralTerms; feed?: Address; price?: bigint };

export function lendingParams(asset: Address, poolId: Hex, t: LendingTerms = defaultLendingTerms) {
  return {
    poolId,
    asset,
    baseRate: t.baseRate,
    slope1: t.slope1,
    slope2: t.slope2,
    optimalUtilisation: t.optimalUtilisation,
    reserveFactorBps: Number(t.reserveFactorBps),
    closeFactorBps: Number(t.closeFactorBps),
  };
}

export function initialCollaterals(list: InitialCollateral[]) {
  return list.map((c) => ({ token: c.token, config: collateralConfig(c.terms, c.feed ?? NO_FEED), price: c.price ?? 0n }));
}

/** Opens a pool through the demo tenant's factory (the operator's call) and returns its address. */
export async function deployLendingPool(h: Harness, asset: Address, poolId: Hex, t: LendingTerms = defaultLendingTerms, initial: InitialCollateral[] = []): Promise<Address> {
  const r = expectOk(await h.send('operator', h.tenantFactory, abis.tenantFactoryAbi, 'createLendingPool', [lendingParams(asset, poolId, t), initialCollaterals(initial)]));
  return parseEventLogs({ abi: abis.tenantFactoryAbi, logs: r.receipt.logs, eventName: 'LendingPoolCreated' })[0]!.args.pool;
}

function collateralConfig(c: CollateralTerms, feed: Address) {
  return {
    ltvBps: Number(c.ltvBps),
    liquidationThresholdBps: Number(c.liquidationThresholdBps),
    liquidationBonusBps: Number(c.liquidationBonusBps),
    maxPriceAge: Number(c.maxPriceAge),
    feed,
  };
}

/** Lists `token` as collateral (by the tenant admin); `feed` NO_FEED means operator-set prices. */
export async function listCollateral(h: Harness, pool: Address, token: Address, c: CollateralTerms, feed: Address = NO_FEED): Promise<bigint> {
  return expectOk(await h.send('admin', pool, abis.lendingPoolAbi, 'listCollateral', [token, collateralConfig(c, feed)])).receipt.gasUsed;
}
