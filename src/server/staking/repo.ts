// SQL of the staking module: pools (created pending by an admin, activated by the indexer), the
// stake movements and reward events the indexer writes from chain logs, and what the pages read.
import { sql } from 'kysely';
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

export type ChainLog = { chainId: number; txHash: string; logIndex: number; blockNumber: bigint; at: Date };

/** StakingPoolCreated: the pending pool of that id becomes active at its address. Returns the pool's id, or null when no pending pool of this chain has the id. */
export async function activateStakingPool(t: TenantTx, id: string, address: string, log: ChainLog): Promise<string | null> {
  const r = await t.tx
    .updateTable('staking_pools')
    .set({ status: 'active', pool_address: address.toLowerCase(), created_tx_hash: log.txHash, created_log_index: log.logIndex, activated_at: log.at })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('chain_id', '=', String(log.chainId))
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function deactivateStakingPool(t: TenantTx, id: string): Promise<void> {
  await t.tx
    .updateTable('staking_pools')
    .set({ status: 'pending', pool_address: null, created_tx_hash: null, created_log_index: null, activated_at: null })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

export async function poolIdByAddress(t: TenantTx, chainId: number, address: string): Promise<string | null> {
  const r = await t.tx
    .selectFrom('staking_pools')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('pool_address', '=', address.toLowerCase())
    .executeTakeFirst();
  return r?.id ?? null;
}

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

function logColumns(log: ChainLog) {
  return { chain_id: log.chainId, tx_hash: log.txHash, log_index: log.logIndex, block_number: log.blockNumber, block_time: log.at };
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

/** A pool's movements and reward events of these wallets (all wallets when null), newest first. */
export async function historyOf(t: TenantTx, poolId: string, wallets: string[] | null, limit: number): Promise<HistoryRow[]> {
  const lowered = wallets?.map((w) => w.toLowerCase()) ?? null;
  if (lowered && !lowered.length) return [];
  let stakes = t.tx
    .selectFrom('user_stakes')
    .select([sql<string>`kind`.as('kind'), sql<string | null>`wallet_address`.as('wallet_address'), 'amount', 'penalty', 'tx_hash', 'block_time', 'block_number', 'log_index'])
    .where('tenant_id', '=', t.tenantId)
    .where('pool_id', '=', poolId);
  let rewards = t.tx
    .selectFrom('staking_rewards')
    .select([sql<string>`kind`.as('kind'), sql<string | null>`wallet_address`.as('wallet_address'), 'amount', sql<string>`0::numeric`.as('penalty'), 'tx_hash', 'block_time', 'block_number', 'log_index'])
    .where('tenant_id', '=', t.tenantId)
    .where('pool_id', '=', poolId);
  if (lowered) {
    stakes = stakes.where('wallet_address', 'in', lowered);
    rewards = rewards.where('wallet_address', 'in', lowered);
  }
  const rows = await stakes.unionAll(rewards).orderBy('block_number', 'desc').orderBy('log_index', 'desc').limit(limit).execute();
  return rows.map(({ block_number: _b, log_index: _l, ...r }) => r as HistoryRow);
}
