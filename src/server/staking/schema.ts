import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
  .transform((a) => a.toLowerCase() as `0x${string}`);
/** Token base units as a decimal string (amounts exceed JavaScript's safe integers). */
const baseUnits = z.string().regex(/^\d{1,78}$/, 'must be a whole number of token base units, as a string');

export const createStakingPoolInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    chainId: z.number().int().positive(),
    stakingToken: address,
    rewardToken: address,
    rewardBudget: baseUnits.default('0').describe('the first reward budget in reward-token base units (funded by the tenant operator once the pool exists)'),
    rewardsDurationSeconds: z.number().int().min(60).max(5 * 365 * 86400),
    lockPeriodSeconds: z.number().int().min(0).max(5 * 365 * 86400).default(0),
    earlyExitPenaltyBps: z.number().int().min(0).max(5000).default(0),
    maxStakePerUser: baseUnits.default('0').describe('0: no cap'),
    maxTotalStaked: baseUnits.default('0').describe('0: no cap'),
    minVerificationLevel: z.enum(['none', 'basic', 'standard', 'enhanced', 'accredited']).default('none'),
  })
  .strict()
  .refine((v) => BigInt(v.maxTotalStaked) === 0n || BigInt(v.maxStakePerUser) <= BigInt(v.maxTotalStaked), {
    message: 'maxStakePerUser cannot exceed maxTotalStaked',
    path: ['maxStakePerUser'],
  });

export type CreateStakingPoolInput = z.infer<typeof createStakingPoolInput>;

export const fundStakingPoolInput = z
  .object({
    amount: baseUnits.refine((v) => BigInt(v) > 0n, 'amount must be above zero').describe('reward-token base units'),
    reuseUnallocated: z.boolean().default(false).describe('also re-offer rewards nobody was promised (time with nobody staked, rounding)'),
  })
  .strict();

export type FundStakingPoolInput = z.infer<typeof fundStakingPoolInput>;

export const pauseStakingPoolInput = z
  .object({ paused: z.boolean().describe('true pauses staking, withdrawing and claiming (stakers keep emergencyWithdraw of their principal); false resumes') })
  .strict();

export type PauseStakingPoolInput = z.infer<typeof pauseStakingPoolInput>;

export const stakeIntentInput = z
  .object({
    wallet: address.describe('a wallet linked to the caller’s account on the pool’s chain'),
    amount: baseUnits.refine((v) => BigInt(v) > 0n, 'amount must be above zero').describe('staking-token base units'),
  })
  .strict();

export type StakeIntentInput = z.infer<typeof stakeIntentInput>;
