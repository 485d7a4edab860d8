// What a lending pool's chain events do to the tenant's rows (the indexer calls this; see
// docs/chain-indexer.md). The pool's creation activates the pending pool the admin asked for; money
// and price events become lending_transactions rows carrying the log's identity, Accrued becomes a
// rate snapshot, and the wallet's position is summed again from its rows, which is how a reorg
// takes everything back.
import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import { tenantUuidOf } from '../chain/indexer/events';
import { activateFactoryPool, deactivateFactoryPool, factoryPoolIdByAddress, type ChainLog } from '../chain/indexer/repo';
import { deleteLendingRowsOfLog, insertLendingTransaction, insertRateSnapshot, refreshPosition, type LendingTx } from './chain-repo';

export type LendingEffect = { k: 'lending_pool_activated'; poolId: string } | { k: 'lending_row' };

const big = (v: unknown) => BigInt(String(v));
const addr = (v: unknown) => String(v).toLowerCase();

/** TenantFactory.LendingPoolCreated: the on-chain pool id is the pool row's UUID, as bytes32. */
export async function applyLendingPoolCreated(t: TenantTx, args: Record<string, unknown>, log: ChainLog): Promise<LendingEffect[]> {
  const id = tenantUuidOf(args.poolId);
  if (!id) return [];
  const activated = await activateFactoryPool(t, 'lending_pools', id, String(args.pool), log);
  return activated ? [{ k: 'lending_pool_activated', poolId: activated }] : [];
}

type Row = Omit<LendingTx, 'id' | 'poolId'>;
const row = (kind: LendingTx['kind'], r: Partial<Row> & { amount: bigint }): Row => ({ kind, wallet: null, payer: null, token: null, scaled: null, seized: null, ...r });

/** The row an event becomes, or null for events that only configure (listing, pause, opening). */
function rowOf(name: string, a: Record<string, unknown>): Row | null {
  switch (name) {
    case 'Supplied':
      return row('supply', { wallet: addr(a.user), amount: big(a.amount), scaled: big(a.scaled) });
    case 'Withdrawn':
      return row('withdraw', { wallet: addr(a.user), amount: big(a.amount), scaled: big(a.scaled) });
    case 'CollateralDeposited':
      return row('collateral_deposit', { wallet: addr(a.user), token: addr(a.token), amount: big(a.amount) });
    case 'CollateralWithdrawn':
      return row('collateral_withdraw', { wallet: addr(a.user), token: addr(a.token), amount: big(a.amount) });
    case 'Borrowed':
      return row('borrow', { wallet: addr(a.user), amount: big(a.amount), scaled: big(a.scaled) });
    case 'Repaid':
      return row('repay', { wallet: addr(a.user), payer: addr(a.payer), amount: big(a.amount), scaled: big(a.scaled) });
    case 'Liquidated':
      return row('liquidate', { wallet: addr(a.borrower), payer: addr(a.liquidator), token: addr(a.token), amount: big(a.repaid), seized: big(a.seized) });
    case 'ReservesWithdrawn':
      return row('reserves_withdrawn', { payer: addr(a.to), amount: big(a.amount) });
    case 'PriceSet':
      return row('price_set', { token: addr(a.token), amount: big(a.price) });
    default:
      return null;
  }
}

/** An event of a lending pool the platform created. Pools the app did not ask for have no row: nothing to write. */
export async function applyLendingPoolEvent(t: TenantTx, address: string, name: string, args: Record<string, unknown>, log: ChainLog): Promise<LendingEffect[]> {
  const poolId = await factoryPoolIdByAddress(t, 'lending_pools', log.chainId, address);
  if (!poolId) return [];
  if (name === 'Accrued') {
    await insertRateSnapshot(t, { id: uuidv7(), poolId, interest: big(args.interest), reserve: big(args.reserve), borrowIndex: big(args.borrowIndex), supplyIndex: big(args.supplyIndex) }, log);
    return [{ k: 'lending_row' }];
  }
  const r = rowOf(name, args);
  if (!r) return [];
  await insertLendingTransaction(t, { id: uuidv7(), poolId, ...r }, log);
  if (r.wallet) await refreshPosition(t, poolId, r.wallet, log);
  return [{ k: 'lending_row' }];
}

export async function undoLendingEffect(t: TenantTx, ef: LendingEffect, log: { chainId: number; txHash: string; logIndex: number; blockNumber?: bigint; at?: Date }): Promise<void> {
  if (ef.k === 'lending_pool_activated') {
    await deactivateFactoryPool(t, 'lending_pools', ef.poolId);
    return;
  }
  const gone = await deleteLendingRowsOfLog(t, log);
  for (const g of gone) if (g.wallet) await refreshPosition(t, g.poolId, g.wallet, { blockNumber: log.blockNumber ?? 0n, at: log.at ?? new Date() });
}
