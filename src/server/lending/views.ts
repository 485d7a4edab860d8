// JSON shapes of the lending API: amounts as decimal strings of base units, rates x 1e18, exactly as
// the contract holds them (the pages format them with the same bigint helpers as staking).
import type { LendingPoolRow, CollateralRow } from './repo';
import { liquidationPrices, supplyRate, type PoolChainState, type PositionState } from './chain-state';

export function collateralView(c: CollateralRow) {
  return {
    token: c.token,
    symbol: c.symbol,
    decimals: c.decimals,
    ltvBps: c.ltv_bps,
    liquidationThresholdBps: c.liquidation_threshold_bps,
    liquidationBonusBps: c.liquidation_bonus_bps,
    maxPriceAgeSeconds: Number(c.max_price_age_seconds),
    feed: c.feed,
  };
}

export function poolView(p: LendingPoolRow, collaterals: CollateralRow[]) {
  return {
    id: p.id,
    name: p.name,
    chainId: Number(p.chain_id),
    status: p.status,
    address: p.pool_address,
    asset: { address: p.asset_token, decimals: p.asset_decimals },
    rateModel: { baseRate: p.base_rate, slope1: p.slope1, slope2: p.slope2, optimalUtilisation: p.optimal_utilisation },
    reserveFactorBps: p.reserve_factor_bps,
    closeFactorBps: p.close_factor_bps,
    minVerificationLevel: p.min_verification_level,
    collaterals: collaterals.map(collateralView),
    createdAt: p.created_at.toISOString(),
  };
}

export function chainView(p: LendingPoolRow, s: PoolChainState | null) {
  if (!s) return null;
  return {
    cash: s.cash.toString(),
    totalBorrows: s.totalBorrows.toString(),
    totalReserves: s.totalReserves.toString(),
    utilisation: s.utilisation.toString(),
    borrowRate: s.borrowRate.toString(),
    supplyRate: supplyRate(s, p.reserve_factor_bps).toString(),
    supplyIndex: s.supplyIndex.toString(),
    borrowIndex: s.borrowIndex.toString(),
    paused: s.paused,
    prices: s.prices.map((x) => ({ token: x.token, price: x.price?.toString() ?? null, updatedAt: x.updatedAt === 0n ? null : new Date(Number(x.updatedAt) * 1000).toISOString() })),
    blockNumber: s.blockNumber.toString(),
    readAt: new Date(Number(s.blockTime) * 1000).toISOString(),
  };
}

export function positionView(p: PositionState, collaterals: CollateralRow[], prices: PoolChainState['prices']) {
  const liq = liquidationPrices(p, collaterals, prices);
  return {
    wallet: p.wallet,
    supplied: p.supplied.toString(),
    debt: p.debt.toString(),
    collateral: p.collateral.map((c, i) => ({ token: c.token, amount: c.amount.toString(), liquidationPrice: liq[i]?.toString() ?? null })),
    borrowCapacity: p.borrowCapacity?.toString() ?? null,
    liquidationCapacity: p.liquidationCapacity?.toString() ?? null,
    healthFactor: p.healthFactor?.toString() ?? null,
  };
}

const YEAR = 365n * 24n * 3600n;
const WAD = 10n ** 18n;

/**
 * Realised yearly rates between consecutive Accrued snapshots: the growth of each index over the
 * time between them, annualised (x 1e18, rounded down). The first snapshot has nothing before it.
 */
export function rateHistory(rows: { borrow_index: string; supply_index: string; block_time: Date }[]) {
  const out: { at: string; borrowRate: string; supplyRate: string }[] = [];
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    const dt = BigInt(Math.round((b.block_time.getTime() - a.block_time.getTime()) / 1000));
    if (dt <= 0n) continue;
    const growth = (from: string, to: string) => ((BigInt(to) - BigInt(from)) * WAD * YEAR) / (BigInt(from) * dt);
    out.push({ at: b.block_time.toISOString(), borrowRate: growth(a.borrow_index, b.borrow_index).toString(), supplyRate: growth(a.supply_index, b.supply_index).toString() });
  }
  return out;
}
