// Staking pools: a tenant admin opens one (a pending row and the factory call, queued through the
// transaction manager in one database transaction); the indexer activates it and writes its history.
// Figures shown to members (staked, earned, APR) are read from the contract at request time, so they
// equal the contract's to the unit; the history comes from the indexer's rows.
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { stakingPoolAbi } from '../../../contracts/abi/StakingPool';
import { tenantFactoryAbi } from '../../../contracts/abi/TenantFactory';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { publicClientFor } from '../chain/network';
import { tenantIdFromUuid } from '../chain/tenant-id';
import { tenantSigner } from '../chain/signers';
import { deployedFactory } from '../chain/tenant-contracts/repo';
import { enqueueTenantTransaction } from '../chain/tx-manager/queue';
import { effectiveLevelOf } from '../compliance/action-levels';
import { meetsLevel } from '../compliance/rules/verification-level';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { requireFeature } from '../tenancy/features';
import type { TenantContext } from '../tenancy/resolve';
import { blockTime, latestBlock, readAt } from './chain-reads';
import { findStakingPool, insertStakingPool, listStakingPools, poolPageOf, type StakingPoolRow } from './repo';
import type { CreateStakingPoolInput, FundStakingPoolInput, PauseStakingPoolInput } from './schema';

const SECONDS_PER_YEAR = 365n * 24n * 3600n;
const PRECISION = 10n ** 18n;
const STAFF = ['tenant_admin', 'compliance_officer'] as const;

export function requireStaking(tenant: TenantContext): void {
  requireFeature(tenant, 'staking');
}

export const isStaff = (p: Principal | null) => !!p && (STAFF as readonly string[]).includes(p.role);

async function tokenDecimals(chainId: number, token: Address, field: string): Promise<number> {
  try {
    return await publicClientFor(chainId).readContract({ address: token, abi: erc20Abi, functionName: 'decimals' });
  } catch {
    throw new ValidationError([{ field, message: `${token} is not an ERC-20 token on chain ${chainId} (no decimals())` }]);
  }
}

export async function createStakingPool(tenant: TenantContext, admin: Principal, input: CreateStakingPoolInput, meta: RequestMeta) {
  requireStaking(tenant);
  const factory = await withTenant(tenant.id, { userId: admin.userId }, (t) => deployedFactory(t, input.chainId));
  if (!factory?.factory_address) throw new Conflict('chain_not_provisioned', `This platform has no contracts on chain ${input.chainId} yet`);
  // Read before the transaction: the chain is not part of it, and the decimals never change.
  const [stakingDecimals, rewardDecimals] = await Promise.all([tokenDecimals(input.chainId, input.stakingToken, 'stakingToken'), tokenDecimals(input.chainId, input.rewardToken, 'rewardToken')]);
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const id = uuidv7();
    await insertStakingPool(t, {
      id,
      chainId: input.chainId,
      name: input.name,
      stakingToken: input.stakingToken,
      rewardToken: input.rewardToken,
      stakingDecimals,
      rewardDecimals,
      rewardBudget: BigInt(input.rewardBudget),
      rewardsDurationSeconds: BigInt(input.rewardsDurationSeconds),
      lockPeriodSeconds: BigInt(input.lockPeriodSeconds),
      earlyExitPenaltyBps: input.earlyExitPenaltyBps,
      maxStakePerUser: BigInt(input.maxStakePerUser),
      maxTotalStaked: BigInt(input.maxTotalStaked),
      minVerificationLevel: input.minVerificationLevel,
      createdBy: admin.userId,
    });
    const tx = await enqueueTenantTransaction(t, 'operator', {
      chainId: input.chainId,
      to: factory.factory_address!,
      data: encodeFunctionData({
        abi: tenantFactoryAbi,
        functionName: 'createStakingPool',
        args: [
          {
            poolId: tenantIdFromUuid(id),
            stakingToken: input.stakingToken,
            rewardToken: input.rewardToken,
            rewardsDuration: BigInt(input.rewardsDurationSeconds),
            lockPeriod: BigInt(input.lockPeriodSeconds),
            earlyExitPenaltyBps: input.earlyExitPenaltyBps,
            maxStakePerUser: BigInt(input.maxStakePerUser),
            maxTotalStaked: BigInt(input.maxTotalStaked),
          },
        ],
      }),
      purpose: 'staking.create_pool',
      referenceType: 'staking_pool',
      referenceId: id,
      dedupeKey: `staking_pool:${id}:create`,
    });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'staking.pool_created', targetType: 'staking_pool', targetId: id, metadata: { chainId: input.chainId, name: input.name, stakingToken: input.stakingToken, rewardToken: input.rewardToken, txId: tx.id } }, meta);
    const row = (await findStakingPool(t, id))!;
    return { pool: { ...poolView(row), creation: { transactionId: tx.id, status: tx.status } } };
  });
}

function poolView(p: StakingPoolRow) {
  return {
    id: p.id,
    name: p.name,
    chainId: Number(p.chain_id),
    status: p.status,
    address: p.pool_address,
    stakingToken: { address: p.staking_token, decimals: p.staking_decimals },
    rewardToken: { address: p.reward_token, decimals: p.reward_decimals },
    rewardBudget: p.reward_budget,
    rewardsDurationSeconds: Number(p.rewards_duration_seconds),
    lockPeriodSeconds: Number(p.lock_period_seconds),
    earlyExitPenaltyBps: p.early_exit_penalty_bps,
    maxStakePerUser: p.max_stake_per_user,
    maxTotalStaked: p.max_total_staked,
    minVerificationLevel: p.min_verification_level,
    createdAt: p.created_at.toISOString(),
  };
}

export type ChainState = { totalStaked: bigint; rewardRateScaled: bigint; periodFinish: bigint; paused: boolean; blockTime: bigint };

export async function chainStateOf(p: StakingPoolRow, at?: bigint): Promise<ChainState | null> {
  if (!p.pool_address) return null;
  const chainId = Number(p.chain_id);
  const address = p.pool_address as Address;
  // One block for every figure, so they are consistent with each other.
  const block = at ?? (await latestBlock(chainId));
  const read = <T>(functionName: 'totalStaked' | 'rewardRateScaled' | 'periodFinish' | 'paused') => readAt<T>(chainId, block, address, stakingPoolAbi, functionName);
  const [totalStaked, rewardRateScaled, periodFinish, paused, time] = await Promise.all([read<bigint>('totalStaked'), read<bigint>('rewardRateScaled'), read<bigint>('periodFinish'), read<boolean>('paused'), blockTime(chainId, block)]);
  return { totalStaked, rewardRateScaled, periodFinish, paused, blockTime: time };
}

/**
 * The annual reward rate in basis points, in token terms (reward tokens earned per staked token,
 * ignoring their prices): rewards per year at the current rate over the total staked, both scaled
 * to whole tokens, rounded down. Null outside a reward period or with nothing staked.
 */
export function aprBps(s: ChainState, stakingDecimals: number, rewardDecimals: number): bigint | null {
  if (s.totalStaked === 0n || s.blockTime >= s.periodFinish) return null;
  return (s.rewardRateScaled * SECONDS_PER_YEAR * 10_000n * 10n ** BigInt(stakingDecimals)) / (PRECISION * s.totalStaked * 10n ** BigInt(rewardDecimals));
}

function chainView(p: StakingPoolRow, s: ChainState | null) {
  if (!s) return null;
  const apr = aprBps(s, p.staking_decimals, p.reward_decimals);
  return {
    totalStaked: s.totalStaked.toString(),
    rewardRatePerSecond: (s.rewardRateScaled / PRECISION).toString(),
    rewardRateScaled: s.rewardRateScaled.toString(),
    periodFinish: s.periodFinish === 0n ? null : new Date(Number(s.periodFinish) * 1000).toISOString(),
    paused: s.paused,
    aprBps: apr === null ? null : apr.toString(),
    readAt: new Date(Number(s.blockTime) * 1000).toISOString(),
  };
}

/** Members see active pools; staff also see pools waiting for their on-chain creation. */
export async function listPools(tenant: TenantContext, principal: Principal) {
  requireStaking(tenant);
  const rows = await withTenant(tenant.id, { userId: principal.userId }, (t) => listStakingPools(t, { activeOnly: !isStaff(principal) }));
  const states = await Promise.all(rows.map((p) => chainStateOf(p).catch(() => null)));
  return { pools: rows.map((p, i) => ({ ...poolView(p), chain: chainView(p, states[i]!) })) };
}

export async function eligibility(t: TenantTx, p: StakingPoolRow, principal: Principal) {
  const level = await effectiveLevelOf(t, principal.userId, new Date());
  return { eligible: meetsLevel(level, p.min_verification_level), requiredLevel: p.min_verification_level, currentLevel: level };
}

/** A pool with its on-chain state, the caller's positions (one per linked wallet, read from the contract) and their history. */
export async function getPool(tenant: TenantContext, principal: Principal, id: string) {
  requireStaking(tenant);
  const { pool, wallets, access, history } = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const page = await poolPageOf(t, id, principal.userId, 50);
    if (!page || (page.status !== 'active' && !isStaff(principal))) throw new NotFound('Staking pool not found');
    const { wallets, history, ...pool } = page;
    return { pool, wallets, access: await eligibility(t, pool, principal), history };
  });
  // A node that does not answer leaves the pool's recorded terms and history readable; the
  // chain figures are then absent (null), never guessed.
  const block = pool.pool_address ? await latestBlock(Number(pool.chain_id)).catch(() => null) : null;
  const [state, positions] = block === null ? [null, pool.pool_address ? null : []] : await Promise.all([
    chainStateOf(pool, block).catch(() => null),
    Promise.all(wallets.map((w) => positionOf(pool, w as Address, block))).catch(() => null),
  ]);
  return {
    pool: { ...poolView(pool), chain: chainView(pool, state) },
    chainAvailable: !pool.pool_address || (state !== null && positions !== null),
    access,
    positions: positions ?? [],
    history: history.map((h) => ({ kind: h.kind, wallet: h.wallet_address, amount: h.amount, penalty: h.penalty, txHash: h.tx_hash, at: h.block_time.toISOString() })),
  };
}

async function positionOf(pool: StakingPoolRow, wallet: Address, block: bigint) {
  const chainId = Number(pool.chain_id);
  const address = pool.pool_address as Address;
  const read = (functionName: 'balanceOf' | 'earned' | 'lockedUntil') => readAt<bigint>(chainId, block, address, stakingPoolAbi, functionName, [wallet]);
  const [staked, earned, lockedUntil] = await Promise.all([read('balanceOf'), read('earned'), read('lockedUntil')]);
  return { wallet, staked: staked.toString(), earned: earned.toString(), lockedUntil: lockedUntil === 0n ? null : new Date(Number(lockedUntil) * 1000).toISOString() };
}

/**
 * Funds a pool's rewards from the tenant's operator key: approve exactly the amount, then
 * notifyRewardAmount (a new period, or a top-up spread over a fresh one), both through the
 * transaction manager. The operator key must hold the reward tokens: the answer names its address.
 */
export async function fundStakingPool(tenant: TenantContext, admin: Principal, id: string, input: FundStakingPoolInput, meta: RequestMeta) {
  requireStaking(tenant);
  const amount = BigInt(input.amount);
  const pool = await withTenant(tenant.id, { userId: admin.userId }, (t) => findStakingPool(t, id));
  if (!pool) throw new NotFound('Staking pool not found');
  if (pool.status !== 'active' || !pool.pool_address) throw new Conflict('staking_pool_not_active', 'The pool is not on chain yet; fund it once its creation is indexed');
  const chainId = Number(pool.chain_id);
  const operator = tenantSigner(chainId, tenant.id, 'operator').address;
  const held = await publicClientFor(chainId).readContract({ address: pool.reward_token as Address, abi: erc20Abi, functionName: 'balanceOf', args: [operator] });
  if (held < amount) throw new Conflict('operator_balance_short', `The platform's operator address ${operator} holds ${held} reward-token base units and the funding needs ${amount}: send the tokens to it first`);
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const fundingId = uuidv7();
    const common = { chainId, purpose: 'staking.fund_rewards', referenceType: 'staking_pool' as const, referenceId: id };
    const approve = await enqueueTenantTransaction(t, 'operator', { ...common, to: pool.reward_token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [pool.pool_address as Address, amount] }), dedupeKey: `staking_pool:${id}:fund:${fundingId}:approve` });
    const notify = await enqueueTenantTransaction(t, 'operator', { ...common, to: pool.pool_address!, data: encodeFunctionData({ abi: stakingPoolAbi, functionName: 'notifyRewardAmount', args: [amount, input.reuseUnallocated] }), dedupeKey: `staking_pool:${id}:fund:${fundingId}:notify` });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'staking.pool_funded', targetType: 'staking_pool', targetId: id, metadata: { chainId, amount: amount.toString(), reuseUnallocated: input.reuseUnallocated, txIds: [approve.id, notify.id] } }, meta);
    return { funding: { id: fundingId, amount: amount.toString(), transactions: [{ id: approve.id, purpose: 'approve', status: approve.status }, { id: notify.id, purpose: 'notifyRewardAmount', status: notify.status }] } };
  });
}

/**
 * Pauses or resumes a pool (StakingPool.setPaused, the tenant admin key, through the transaction
 * manager). Paused, stakers can only take their principal out with emergencyWithdraw; the pool
 * shows paused once the chain has done it.
 */
export async function setStakingPoolPaused(tenant: TenantContext, admin: Principal, id: string, input: PauseStakingPoolInput, meta: RequestMeta) {
  requireStaking(tenant);
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const pool = await findStakingPool(t, id);
    if (!pool) throw new NotFound('Staking pool not found');
    if (pool.status !== 'active' || !pool.pool_address) throw new Conflict('staking_pool_not_active', 'The pool is not on chain yet; pause it once its creation is indexed');
    const chainId = Number(pool.chain_id);
    const tx = await enqueueTenantTransaction(t, 'tenant_admin', {
      chainId,
      to: pool.pool_address,
      data: encodeFunctionData({ abi: stakingPoolAbi, functionName: 'setPaused', args: [input.paused] }),
      purpose: input.paused ? 'staking.pause' : 'staking.unpause',
      referenceType: 'staking_pool',
      referenceId: id,
      dedupeKey: `staking_pool:${id}:pause:${uuidv7()}`,
    });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: input.paused ? 'staking.pool_paused' : 'staking.pool_unpaused', targetType: 'staking_pool', targetId: id, metadata: { chainId, txId: tx.id } }, meta);
    return { pause: { paused: input.paused, transaction: { id: tx.id, status: tx.status } } };
  });
}
