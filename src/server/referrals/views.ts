// JSON shapes of the referrals API: money as decimal strings in the currency's major unit (with the
// smallest-unit integer beside it), times as ISO-8601.
import { fromMinorUnits } from '../money';
import type { listTransactions, rewardTotals, SettingsRow } from './repo';

export const DEFAULT_WINDOW_DAYS = 30;

export type ReferralSettings = {
  attributionWindowDays: number;
  rewardKind: 'none' | 'fixed' | 'bps';
  rewardAmount: string | null;
  rewardBps: number | null;
  rewardCap: string | null;
  rewardScope: 'first' | 'every';
  updatedAt: string | null;
};

export function settingsView(s: SettingsRow | undefined): ReferralSettings {
  return {
    attributionWindowDays: s?.attribution_window_days ?? DEFAULT_WINDOW_DAYS,
    rewardKind: s?.reward_kind ?? 'none',
    rewardAmount: s?.reward_amount ?? null,
    rewardBps: s?.reward_bps ?? null,
    rewardCap: s?.reward_cap ?? null,
    rewardScope: s?.reward_scope ?? 'first',
    updatedAt: s?.updated_at?.toISOString() ?? null,
  };
}

export type RewardTotal = { currency: string; pending: string; earned: string; clawedBack: string };

/** Sums per currency: pending (awaiting approval), earned (approved), clawed back (refunded investments). */
export function totalsView(rows: Awaited<ReturnType<typeof rewardTotals>>): RewardTotal[] {
  const by = new Map<string, { decimals: number; pending: bigint; earned: bigint; clawed_back: bigint }>();
  for (const r of rows) {
    const cur = by.get(r.currency) ?? { decimals: r.currency_decimals, pending: 0n, earned: 0n, clawed_back: 0n };
    if (r.status === 'pending' || r.status === 'earned' || r.status === 'clawed_back') cur[r.status] += BigInt(r.total);
    by.set(r.currency, cur);
  }
  return [...by].map(([currency, v]) => ({
    currency,
    pending: fromMinorUnits(v.pending, v.decimals),
    earned: fromMinorUnits(v.earned, v.decimals),
    clawedBack: fromMinorUnits(v.clawed_back, v.decimals),
  }));
}

export type ReferralTransactionView = {
  id: string;
  kind: 'reward' | 'clawback';
  status: 'pending' | 'earned' | 'clawed_back' | 'applied';
  amount: string;
  amountMinor: string;
  currency: string;
  investmentId: string;
  referredMember: string;
  referrerId: string;
  referrerEmail: string;
  reversesId: string | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
};

export function transactionView(r: Awaited<ReturnType<typeof listTransactions>>[number]): ReferralTransactionView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    amount: fromMinorUnits(r.amount, r.currency_decimals),
    amountMinor: r.amount,
    currency: r.currency,
    investmentId: r.investment_id,
    // The referrer sees who joined through them by first name and initial only.
    referredMember: `${r.referred_first_name} ${r.referred_last_name.slice(0, 1)}.`.trim(),
    referrerId: r.referrer_id,
    referrerEmail: r.referrer_email,
    reversesId: r.reverses_id,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
