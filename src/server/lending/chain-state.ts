// Reads a lending pool and its positions from the contract, every figure at one block so they agree
// with each other; nothing here is computed that the contract does not compute, except the supply
// rate and liquidation prices, which are derived from the contract's own figures in bigint.
import type { Address, PublicClient } from 'viem';
import { lendingPoolAbi } from '../../../contracts/abi/LendingPool';
import { publicClientFor } from '../chain/network';
import type { CollateralRow, LendingPoolRow } from './repo';

const WAD = 10n ** 18n;
const BPS = 10_000n;
const MAX_UINT = 2n ** 256n - 1n;

export type PoolChainState = {
  blockNumber: bigint;
  blockTime: bigint;
  cash: bigint;
  totalBorrows: bigint;
  totalReserves: bigint;
  utilisation: bigint;
  borrowRate: bigint;
  supplyIndex: bigint;
  borrowIndex: bigint;
  paused: boolean;
  prices: { token: string; price: bigint | null; updatedAt: bigint }[];
};

type Read = (functionName: string, args?: readonly unknown[]) => Promise<unknown>;

function reader(client: PublicClient, address: Address, blockNumber: bigint): Read {
  return (functionName, args = []) => client.readContract({ address, abi: lendingPoolAbi, functionName, args, blockNumber } as Parameters<typeof client.readContract>[0]);
}

/** A price the contract refuses (stale, or none yet) is null, never a guess. */
async function priceOrNull(read: Read, token: string): Promise<bigint | null> {
  try {
    return (await read('priceOf', [token])) as bigint;
  } catch {
    return null;
  }
}

export async function readPoolState(pool: LendingPoolRow, collaterals: CollateralRow[]): Promise<PoolChainState | null> {
  if (!pool.pool_address) return null;
  const client = publicClientFor(Number(pool.chain_id));
  const block = await client.getBlock();
  const read = reader(client, pool.pool_address as Address, block.number);
  const [cash, totalBorrows, totalReserves, utilisation, borrowRate, supplyIndex, borrowIndex, paused] = (await Promise.all(
    ['cash', 'totalBorrows', 'totalReserves', 'utilisation', 'borrowRate', 'supplyIndex', 'borrowIndex', 'paused'].map((f) => read(f)),
  )) as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, boolean];
  const prices = await Promise.all(
    collaterals.map(async (c) => {
      const [price, terms] = await Promise.all([priceOrNull(read, c.token), read('collaterals', [c.token]) as Promise<readonly unknown[]>]);
      return { token: c.token, price, updatedAt: terms[5] as bigint };
    }),
  );
  return { blockNumber: block.number, blockTime: block.timestamp, cash, totalBorrows, totalReserves, utilisation, borrowRate, supplyIndex, borrowIndex, paused, prices };
}

/** What lenders earn at the current utilisation: borrowRate x utilisation x (1 - reserve factor), rounded down. */
export function supplyRate(s: Pick<PoolChainState, 'borrowRate' | 'utilisation'>, reserveFactorBps: number): bigint {
  return (((s.borrowRate * s.utilisation) / WAD) * (BPS - BigInt(reserveFactorBps))) / BPS;
}

export type PositionState = {
  wallet: string;
  supplied: bigint;
  debt: bigint;
  collateral: { token: string; amount: bigint }[];
  borrowCapacity: bigint | null;
  liquidationCapacity: bigint | null;
  /** 1e18 = 1; null without debt or when a price is refused. */
  healthFactor: bigint | null;
};

export async function readPosition(pool: LendingPoolRow, collaterals: CollateralRow[], wallet: Address, blockNumber?: bigint): Promise<PositionState> {
  const client = publicClientFor(Number(pool.chain_id));
  const read = reader(client, pool.pool_address as Address, blockNumber ?? (await client.getBlockNumber()));
  const [supplied, debt, amounts] = await Promise.all([
    read('balanceOf', [wallet]) as Promise<bigint>,
    read('debtOf', [wallet]) as Promise<bigint>,
    Promise.all(collaterals.map((c) => read('collateralOf', [wallet, c.token]) as Promise<bigint>)),
  ]);
  let account: readonly [bigint, bigint, bigint] | null = null;
  let health: bigint | null = null;
  try {
    account = (await read('accountOf', [wallet])) as readonly [bigint, bigint, bigint];
    const hf = (await read('healthFactor', [wallet])) as bigint;
    health = hf === MAX_UINT ? null : hf;
  } catch {
    // A stale price makes the contract refuse to value the position: shown as unknown.
  }
  return {
    wallet: wallet.toLowerCase(),
    supplied,
    debt,
    collateral: collaterals.map((c, i) => ({ token: c.token, amount: amounts[i]! })),
    borrowCapacity: account?.[0] ?? null,
    liquidationCapacity: account?.[1] ?? null,
    healthFactor: health,
  };
}

/**
 * For each collateral of a position with debt: the price (asset base units per collateral base unit
 * x 1e18, as the contract keeps prices) below which the position can be liquidated, the other
 * collaterals' prices held where they are; rounded up. Null without debt or without that collateral
 * (or when another collateral's price is refused); 0 when the other collaterals alone cover the debt.
 */
export function liquidationPrices(p: PositionState, collaterals: CollateralRow[], prices: PoolChainState['prices']): (bigint | null)[] {
  return collaterals.map((c, i) => {
    const amount = p.collateral[i]!.amount;
    if (p.debt === 0n || amount === 0n) return null;
    let others = 0n;
    for (let j = 0; j < collaterals.length; j++) {
      if (j === i) continue;
      const a = p.collateral[j]!.amount;
      const price = prices[j]?.price;
      if (a === 0n) continue;
      if (price == null) return null;
      others += (((a * price) / WAD) * BigInt(collaterals[j]!.liquidation_threshold_bps)) / BPS;
    }
    if (others >= p.debt) return 0n;
    const need = p.debt - others;
    const denominator = amount * BigInt(c.liquidation_threshold_bps);
    return (need * WAD * BPS + denominator - 1n) / denominator;
  });
}
