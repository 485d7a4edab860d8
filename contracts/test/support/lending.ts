// Shared by the LendingPool tests and bench/lending-gas.ts: the default market terms and a direct
// deployment of a pool for the demo tenant (LendingPool is not yet created through TenantFactory).
import type { Address, Hex } from 'viem';
import { DEMO_TENANT_ID } from '../../../src/server/chain/deploy';
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

export async function deployLendingPool(h: Harness, asset: Address, poolId: Hex, t: LendingTerms = defaultLendingTerms): Promise<Address> {
  return h.deploy('LendingPool', [
    {
      service: h.system.service,
      tenantId: DEMO_TENANT_ID,
      poolId,
      asset,
      treasury: h.addr.tenantTreasury,
      baseRate: t.baseRate,
      slope1: t.slope1,
      slope2: t.slope2,
      optimalUtilisation: t.optimalUtilisation,
      reserveFactorBps: Number(t.reserveFactorBps),
      closeFactorBps: Number(t.closeFactorBps),
    },
  ]);
}

/** Lists `token` as collateral (by the tenant admin); `feed` NO_FEED means operator-set prices. */
export async function listCollateral(h: Harness, pool: Address, token: Address, c: CollateralTerms, feed: Address = NO_FEED): Promise<bigint> {
  const cfg = {
    ltvBps: Number(c.ltvBps),
    liquidationThresholdBps: Number(c.liquidationThresholdBps),
    liquidationBonusBps: Number(c.liquidationBonusBps),
    maxPriceAge: Number(c.maxPriceAge),
    feed,
  };
  return expectOk(await h.send('admin', pool, abis.lendingPoolAbi, 'listCollateral', [token, cfg])).receipt.gasUsed;
}
