// SQL for what the indexer writes from a lending pool's chain events (each row carries its log's
// identity; a reorg deletes by it and the wallet's position is summed again), and the reads of it.
import { sql } from 'kysely';
import { logColumns, type ChainLog } from '../chain/indexer/repo';
import type { TenantTx } from '../db/tenant';
import type { LendingTransactionKind } from '../db/types';

export type LendingTx = {
  id: string;
  poolId: string;
  kind: LendingTransactionKind;
  wallet: string | null;
  payer: string | null;
  token: string | null;
  amount: bigint;
  scaled: bigint | null;
  seized: bigint | null;
};

export async function insertLendingTransaction(t: TenantTx, r: LendingTx, log: ChainLog): Promise<void> {
  await t.tx
    .insertInto('lending_transactions')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      pool_id: r.poolId,
      kind: r.kind,
      wallet_address: r.wallet?.toLowerCase() ?? null,
      payer_address: r.payer?.toLowerCase() ?? null,
      token: r.token?.toLowerCase() ?? null,
      amount: r.amount,
      scaled: r.scaled,
      seized: r.seized,
      ...logColumns(log),
    })
    .execute();
}

export type RateSnapshot = { id: string; poolId: string; interest: bigint; reserve: bigint; borrowIndex: bigint; supplyIndex: bigint };

export async function insertRateSnapshot(t: TenantTx, s: RateSnapshot, log: ChainLog): Promise<void> {
  await t.tx
    .insertInto('lending_rate_snapshots')
    .values({ tenant_id: t.tenantId, id: s.id, pool_id: s.poolId, interest: s.interest, reserve: s.reserve, borrow_index: s.borrowIndex, supply_index: s.supplyIndex, ...logColumns(log) })
    .execute();
}

/** The rows one log wrote (a reorg removed its block): deleted; returns the pools and wallets they touched. */
export async function deleteLendingRowsOfLog(t: TenantTx, log: { chainId: number; txHash: string; logIndex: number }): Promise<{ poolId: string; wallet: string | null }[]> {
  const gone = await t.tx
    .deleteFrom('lending_transactions')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(log.chainId))
    .where('tx_hash', '=', log.txHash)
    .where('log_index', '=', log.logIndex)
    .returning(['pool_id', 'wallet_address'])
    .execute();
  await t.tx
    .deleteFrom('lending_rate_snapshots')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(log.chainId))
    .where('tx_hash', '=', log.txHash)
    .where('log_index', '=', log.logIndex)
    .execute();
  return gone.map((g) => ({ poolId: g.pool_id, wallet: g.wallet_address }));
}

/**
 * Sums a wallet's rows into its position: scaled supply (supply - withdraw), scaled debt (borrow -
 * repay; a liquidation's repayment is its Repaid row) and collateral per token (deposits -
 * withdrawals - seizures). Recomputed from the rows, so an undone log leaves no trace.
 */
export async function refreshPosition(t: TenantTx, poolId: string, wallet: string, log: { blockNumber: bigint; at: Date }): Promise<void> {
  const w = wallet.toLowerCase();
  await sql`
    insert into user_lending_positions (tenant_id, pool_id, wallet_address, scaled_supply, scaled_debt, collateral, updated_block, updated_at)
    select ${t.tenantId}::uuid, ${poolId}::uuid, ${w},
      coalesce(sum(case kind when 'supply' then scaled when 'withdraw' then -scaled else 0 end), 0),
      coalesce(sum(case kind when 'borrow' then scaled when 'repay' then -scaled else 0 end), 0),
      coalesce((
        select jsonb_object_agg(token, total::text) from (
          select token, sum(case kind when 'collateral_deposit' then amount when 'collateral_withdraw' then -amount else -seized end) as total
          from lending_transactions
          where tenant_id = ${t.tenantId}::uuid and pool_id = ${poolId}::uuid and wallet_address = ${w}
            and kind in ('collateral_deposit', 'collateral_withdraw', 'liquidate')
          group by token
        ) c where total <> 0
      ), '{}'::jsonb),
      ${log.blockNumber.toString()}::bigint, ${log.at}
    from lending_transactions
    where tenant_id = ${t.tenantId}::uuid and pool_id = ${poolId}::uuid and wallet_address = ${w}
    on conflict (tenant_id, pool_id, wallet_address) do update set
      scaled_supply = excluded.scaled_supply, scaled_debt = excluded.scaled_debt, collateral = excluded.collateral,
      updated_block = excluded.updated_block, updated_at = excluded.updated_at
  `.execute(t.tx);
}

// ---- reads for the pages

export type LendingHistoryRow = { kind: string; wallet_address: string | null; payer_address: string | null; token: string | null; amount: string; seized: string | null; tx_hash: string; block_time: Date };

/** A pool's rows that involve these wallets (as the position or the payer), newest first. */
export async function lendingHistoryOf(t: TenantTx, poolId: string, wallets: string[], limit: number): Promise<LendingHistoryRow[]> {
  if (!wallets.length) return [];
  const lowered = wallets.map((w) => w.toLowerCase());
  return t.tx
    .selectFrom('lending_transactions')
    .select(['kind', 'wallet_address', 'payer_address', 'token', 'amount', 'seized', 'tx_hash', 'block_time'])
    .where('tenant_id', '=', t.tenantId)
    .where('pool_id', '=', poolId)
    .where((eb) => eb.or([eb('wallet_address', 'in', lowered), eb('payer_address', 'in', lowered)]))
    .orderBy('block_number', 'desc')
    .orderBy('log_index', 'desc')
    .limit(limit)
    .execute();
}

export type SnapshotRow = { borrow_index: string; supply_index: string; block_time: Date };

/** The newest `limit` Accrued snapshots, oldest first (for a chart). */
export async function rateSnapshotsOf(t: TenantTx, poolId: string, limit: number): Promise<SnapshotRow[]> {
  const rows = await t.tx
    .selectFrom('lending_rate_snapshots')
    .select(['borrow_index', 'supply_index', 'block_time'])
    .where('tenant_id', '=', t.tenantId)
    .where('pool_id', '=', poolId)
    .orderBy('block_number', 'desc')
    .orderBy('log_index', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

export type PositionMirrorRow = { pool_id: string; wallet_address: string; scaled_supply: string; scaled_debt: string; collateral: Record<string, string>; updated_block: string; updated_at: Date };

/** The indexed positions of the user's linked wallets (on any chain) in every pool of the tenant, in one statement. */
export async function positionsOfUser(t: TenantTx, userId: string): Promise<PositionMirrorRow[]> {
  return t.tx
    .selectFrom('user_lending_positions')
    .select(['pool_id', 'wallet_address', 'scaled_supply', 'scaled_debt', 'collateral', 'updated_block', 'updated_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('wallet_address', 'in', (eb) => eb.selectFrom('wallet_links').select('address').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId))
    .orderBy('pool_id')
    .orderBy('wallet_address')
    .execute();
}
