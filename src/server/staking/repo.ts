// SQL of the staking module: pools (created pending by an admin, activated by the indexer), the
// stake movements and reward events the indexer writes from chain logs, and what the pages read.
import { sql } from 'kysely';
import { logColumns, type ChainLog } from '../chain/indexer/repo';
import type { TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';

export type StakingPoolRow = {
  id: string;
  chain_id: string;
  name: string;
  staking_token: string;
  reward_token: string;
  staking_decimals: number;
  reward_decimals: number;
  reward_budget: string;
  rewards_duration_seconds: string;
  lock_period_seconds: string;
  early_exit_penalty_bps: number;
  max_stake_per_user: string;
  max_total_staked: string;
  min_verification_level: VerificationLevel;
  status: 'pending' | 'active';
  pool_address: string | null;
  created_at: Date;
  activated_at: Date | null;
};

const POOL_COLUMNS = [
  'id',
  'chain_id',
  'name',
  'staking_token',
  'reward_token',
  'staking_decimals',
  'reward_decimals',
  'reward_budget',
  'rewards_duration_seconds',
  'lock_period_seconds',
  'early_exit_penalty_bps',
  'max_stake_per_user',
  'max_total_staked',
  'min_verification_level',
  'status',
  'pool_address',
  'created_at',
  'activated_at',
] as const;

export type NewStakingPool = {
  id: string;
  chainId: number;
  name: string;
  stakingToken: string;
  rewardToken: string;
  stakingDecimals: number;
  rewardDecimals: number;
  rewardBudget: bigint;
  rewardsDurationSeconds: bigint;
  lockPeriodSeconds: bigint;
  earlyExitPenaltyBps: number;
  maxStakePerUser: bigint;
  maxTotalStaked: bigint;
  minVerificationLevel: VerificationLevel;
  createdBy: string;
};

export async function insertStakingPool(t: TenantTx, p: NewStakingPool): Promise<void> {
  await t.tx
    .insertInto('staking_pools')
    .values({
      tenant_id: t.tenantId,
      id: p.id,
      chain_id: p.chainId,
      name: p.name,
      staking_token: p.stakingToken.toLowerCase(),
      reward_token: p.rewardToken.toLowerCase(),
      staking_decimals: p.stakingDecimals,
      reward_decimals: p.rewardDecimals,
      reward_budget: p.rewardBudget,
      rewards_duration_seconds: p.rewardsDurationSeconds,
      lock_period_seconds: p.lockPeriodSeconds,
      early_exit_penalty_bps: p.earlyExitPenaltyBps,
      max_stake_per_user: p.maxStakePerUser,
      max_total_staked: p.maxTotalStaked,
      min_verification_level: p.minVerificationLevel,
      created_by: p.createdBy,
    })
    .execute();
}

export async function listStakingPools(t: TenantTx, opts: { activeOnly: boolean }): Promise<StakingPoolRow[]> {
  let q = t.tx.selectFrom('staking_pools').select(POOL_COLUMNS).where('tenant_id', '=', t.tenantId);
  if (opts.activeOnly) q = q.where('status', '=', 'active');
  return (await q.orderBy('created_at', 'desc').orderBy('id').execute()) as StakingPoolRow[];
}

export async function findStakingPool(t: TenantTx, id: string): Promise<StakingPoolRow | undefined> {
  return (await t.tx.selectFrom('staking_pools').select(POOL_COLUMNS).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst()) as
    | StakingPoolRow
    | undefined;
}

// ---- the indexer's writes (each row carries its log's identity; a reorg deletes by it)

export type StakeMovement = { id: string; poolId: string; wallet: string; kind: 'stake' | 'withdraw' | 'emergency_withdraw'; amount: bigint; penalty: bigint; balanceAfter: bigint; lockedUntil: Date | null };

export async function insertStakeMovement(t: TenantTx, m: StakeMovement, log: ChainLog): Promise<void> {
  await t.tx
    .insertInto('user_stakes')
    .values({
      tenant_id: t.tenantId,
      id: m.id,
      pool_id: m.poolId,
      wallet_address: m.wallet.toLowerCase(),
      kind: m.kind,
      amount: m.amount,
      penalty: m.penalty,
      balance_after: m.balanceAfter,
      locked_until: m.lockedUntil,
      ...logColumns(log),
    })
    .execute();
}

export type RewardEvent = { id: string; poolId: string; kind: 'funded' | 'paid' | 'recovered'; wallet: string | null; amount: bigint; rewardRateScaled: bigint | null; periodFinish: Date | null };

export async function insertRewardEvent(t: TenantTx, r: RewardEvent, log: ChainLog): Promise<void> {
  await t.tx
    .insertInto('staking_rewards')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      pool_id: r.poolId,
      kind: r.kind,
      wallet_address: r.wallet?.toLowerCase() ?? null,
      amount: r.amount,
      reward_rate_scaled: r.rewardRateScaled,
      period_finish: r.periodFinish,
      ...logColumns(log),
    })
    .execute();
}

/** Takes back the staking rows one log wrote (a reorg removed its block). */
export async function deleteStakingRowsOfLog(t: TenantTx, log: { chainId: number; txHash: string; logIndex: number }): Promise<void> {
  for (const table of ['user_stakes', 'staking_rewards'] as const) {
    await t.tx
      .deleteFrom(table)
      .where('tenant_id', '=', t.tenantId)
      .where('chain_id', '=', String(log.chainId))
      .where('tx_hash', '=', log.txHash)
      .where('log_index', '=', log.logIndex)
      .execute();
  }
}

// ---- reads for the pages

export type HistoryRow = { kind: string; wallet_address: string | null; amount: string; penalty: string; tx_hash: string; block_time: Date };

export type PoolPageRow = StakingPoolRow & { wallets: string[]; history: HistoryRow[] };

/**
 * A pool as its page shows it to one member, in one statement: the pool, the member's wallets
 * linked on the pool's chain (newest link first) and the pool's movements and reward events of
 * those wallets, newest first. Amounts travel as text inside the JSON (a numeric(78,0) would lose
 * digits as a JSON number).
 */
export async function poolPageOf(t: TenantTx, id: string, userId: string, historyLimit: number): Promise<PoolPageRow | undefined> {
  const linked = sql`select w.address from wallet_links w where w.tenant_id = sp.tenant_id and w.user_id = ${userId} and w.chain_id = sp.chain_id`;
  const r = await sql<StakingPoolRow & { wallets: string[]; history: (Omit<HistoryRow, 'block_time'> & { block_time: string })[] }>`
    select ${sql.join(POOL_COLUMNS.map((c) => sql.ref(`sp.${c}`)))},
      array(${linked} order by w.linked_at desc) as wallets,
      (select coalesce(json_agg(json_build_object('kind', h.kind, 'wallet_address', h.wallet_address, 'amount', h.amount::text, 'penalty', h.penalty::text,
                                                  'tx_hash', h.tx_hash, 'block_time', h.block_time) order by h.block_number desc, h.log_index desc), '[]'::json)
         from (select s.kind::text as kind, s.wallet_address, s.amount, s.penalty, s.tx_hash, s.block_time, s.block_number, s.log_index
                 from user_stakes s
                where s.tenant_id = sp.tenant_id and s.pool_id = sp.id and s.wallet_address in (${linked})
               union all
               select r.kind::text, r.wallet_address, r.amount, 0::numeric, r.tx_hash, r.block_time, r.block_number, r.log_index
                 from staking_rewards r
                where r.tenant_id = sp.tenant_id and r.pool_id = sp.id and r.wallet_address in (${linked})
               order by block_number desc, log_index desc
               limit ${historyLimit}) h) as history
    from staking_pools sp
    where sp.tenant_id = ${t.tenantId} and sp.id = ${id}`.execute(t.tx);
  const row = r.rows[0];
  return row && { ...row, history: row.history.map((h) => ({ ...h, block_time: new Date(h.block_time) })) };
}
