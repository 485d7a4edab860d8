// Rewards by the tenant's rule. The investments module calls these inside the transaction that
// confirms an investment (a pending reward for its referrer) or takes a confirmation back (a
// refund, or a chain reorganisation: the reward is clawed back with a negative transaction).
// The referred member's attribution row is locked first, so two confirmations of one member
// cannot both be "the first".
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { findSettings, hasStandingReward, insertClawback, insertReward, lockAttributionOf, lockReward, lockStandingReward, setRewardStatus, type SettingsRow } from './repo';

type ConfirmedInvestment = { id: string; investor_id: string; amount: string; currency: string; currency_decimals: number };

/** The reward the rule gives for an investment of `amount` smallest units (0: none). */
export function rewardFor(rule: Pick<SettingsRow, 'reward_kind' | 'reward_amount' | 'reward_bps' | 'reward_cap'>, amount: bigint): bigint {
  let r = 0n;
  if (rule.reward_kind === 'fixed' && rule.reward_amount) r = BigInt(rule.reward_amount);
  else if (rule.reward_kind === 'bps' && rule.reward_bps) r = (amount * BigInt(rule.reward_bps)) / 10_000n;
  if (rule.reward_cap && r > BigInt(rule.reward_cap)) r = BigInt(rule.reward_cap);
  return r;
}

/** A pending reward for the referrer of the investor, if the rule gives one; returns its id. */
export async function rewardConfirmedInvestment(t: TenantTx, inv: ConfirmedInvestment): Promise<string | null> {
  const attribution = await lockAttributionOf(t, inv.investor_id);
  if (!attribution || attribution.status !== 'attributed') return null;
  const rule = await findSettings(t);
  if (!rule || rule.reward_kind === 'none') return null;
  if (rule.reward_scope === 'first' && (await hasStandingReward(t, attribution.id))) return null;
  const amount = rewardFor(rule, BigInt(inv.amount));
  if (amount <= 0n) return null;
  return insertReward(t, { attributionId: attribution.id, referrerId: attribution.referrer_id, referredUserId: inv.investor_id, investmentId: inv.id, amount, currency: inv.currency, decimals: inv.currency_decimals });
}

/** The investment's standing reward is clawed back (status) with a negative transaction; returns the clawback's id. */
export async function clawBackInvestmentReward(t: TenantTx, investmentId: string, reason: string): Promise<string | null> {
  const reward = await lockStandingReward(t, investmentId);
  if (!reward) return null;
  if ((await setRewardStatus(t, reward.id, reward.status as 'pending' | 'earned', 'clawed_back')) !== 1) return null;
  return insertClawback(t, reward, reason);
}

/** The admin approves a pending reward for payout: pending -> earned. */
export async function approveReward(tenant: TenantContext, admin: Principal, rewardId: string, meta: RequestMeta): Promise<{ reward: { id: string; status: 'earned' } }> {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const reward = await lockReward(t, rewardId);
    if (!reward) throw new NotFound('Referral reward not found', 'referral_reward_not_found');
    if (reward.status !== 'pending') throw new Conflict('referral_reward_not_pending', `This reward is ${reward.status.replace('_', ' ')}; only a pending reward can be approved`);
    await setRewardStatus(t, reward.id, 'pending', 'earned');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'referral.reward_approved', targetType: 'referral_transaction', targetId: reward.id, metadata: { referrerId: reward.referrer_id, investmentId: reward.investment_id, amount: reward.amount, currency: reward.currency } }, meta);
    return { reward: { id: reward.id, status: 'earned' as const } };
  });
}
