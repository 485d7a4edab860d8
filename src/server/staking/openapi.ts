import { z } from 'zod';
import { createStakingPoolInput, fundStakingPoolInput, pauseStakingPoolInput, stakeIntentInput } from './schema';

// The staking routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const token = z.object({ address: z.string(), decimals: z.number() });
const chainState = z
  .object({
    totalStaked: z.string(),
    rewardRatePerSecond: z.string(),
    rewardRateScaled: z.string().describe('reward base units per second x 1e18, as the contract keeps it'),
    periodFinish: z.string().nullable(),
    paused: z.boolean(),
    aprBps: z.string().nullable().describe('annual rewards over the total staked, in token terms (prices ignored), basis points rounded down; null outside a reward period or with nothing staked'),
    readAt: z.string().describe('the block time the figures were read at'),
  })
  .nullable()
  .describe('read from the contract; null while the pool waits for its on-chain creation');
const pool = z.object({
  id: z.string(),
  name: z.string(),
  chainId: z.number(),
  status: z.enum(['pending', 'active']),
  address: z.string().nullable(),
  stakingToken: token,
  rewardToken: token,
  rewardBudget: z.string(),
  rewardsDurationSeconds: z.number(),
  lockPeriodSeconds: z.number(),
  earlyExitPenaltyBps: z.number(),
  maxStakePerUser: z.string(),
  maxTotalStaked: z.string(),
  minVerificationLevel: z.string(),
  createdAt: z.string(),
});
const GATE = 'staking is off for this tenant (feature `staking`): code `feature_disabled`';

export const stakingOps = [
  { tag: 'staking', method: 'get', path: '/api/staking/pools', summary: 'Staking pools with their on-chain state and APR (staff also see pools waiting for creation)', auth: 'user', response: z.object({ pools: z.array(pool.extend({ chain: chainState })) }), forbidden: GATE },
  {
    tag: 'staking',
    method: 'get',
    path: '/api/staking/pools/{id}',
    summary: 'A staking pool, whether the caller’s verification level admits them, their positions (staked, earned, lock end, per linked wallet, read from the contract) and history (from the indexer)',
    auth: 'user',
    params: z.object({ id: z.string().uuid() }),
    response: z.object({
      pool: pool.extend({ chain: chainState }),
      chainAvailable: z.boolean().describe('false when the node could not be read: chain figures and positions are then absent, not guessed'),
      access: z.object({ eligible: z.boolean(), requiredLevel: z.string(), currentLevel: z.string() }),
      positions: z.array(z.object({ wallet: z.string(), staked: z.string(), earned: z.string(), lockedUntil: z.string().nullable() })),
      history: z.array(z.object({ kind: z.string(), wallet: z.string().nullable(), amount: z.string(), penalty: z.string(), txHash: z.string(), at: z.string() })),
    }),
    forbidden: GATE,
  },
  {
    tag: 'staking',
    method: 'post',
    path: '/api/admin/staking/pools',
    summary: 'Open a staking pool: recorded pending and created by the tenant factory through the transaction manager; the indexer activates it',
    auth: ['tenant_admin'],
    body: createStakingPoolInput,
    status: 201,
    forbidden: GATE,
    conflict: 'the tenant has no contracts on that chain yet: code `chain_not_provisioned`',
  },
  {
    tag: 'staking',
    method: 'post',
    path: '/api/admin/staking/pools/{id}/fund',
    summary: 'Fund a pool’s rewards from the tenant operator key (approve, then notifyRewardAmount, through the transaction manager)',
    auth: ['tenant_admin'],
    params: z.object({ id: z.string().uuid() }),
    body: fundStakingPoolInput,
    status: 201,
    forbidden: GATE,
    conflict: 'the pool is not on chain yet (`staking_pool_not_active`), or the operator address holds too few reward tokens (`operator_balance_short`, naming the address)',
  },
  {
    tag: 'staking',
    method: 'post',
    path: '/api/admin/staking/pools/{id}/pause',
    summary: 'Pause or resume a pool (StakingPool.setPaused with the tenant admin key, through the transaction manager; audited). Paused, stakers can only take their principal out (emergencyWithdraw)',
    auth: ['tenant_admin'],
    params: z.object({ id: z.string().uuid() }),
    body: pauseStakingPoolInput,
    status: 201,
    forbidden: GATE,
    conflict: 'the pool is not on chain yet: code `staking_pool_not_active`',
  },
  {
    tag: 'staking',
    method: 'post',
    path: '/api/staking/pools/{id}/stake-intents',
    summary: 'Check a stake before the member’s wallet signs it and answer the transactions to sign (approve exactly the amount when the allowance is short, then stake). Refused with the reason: verification level below the pool’s (403 `verification_level_required`), wallet not linked or a cap exceeded (400 naming `wallet` or `amount`), pool paused (409)',
    auth: 'user',
    params: z.object({ id: z.string().uuid() }),
    body: stakeIntentInput,
    forbidden: `${GATE}; or the caller’s verification level is below the pool’s: code \`verification_level_required\`, the detail naming both levels`,
    conflict: 'the pool is paused (`staking_pool_paused`) or not on chain yet (`staking_pool_not_active`)',
  },
] as const;
