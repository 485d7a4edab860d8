// The referrer's dashboard: their links with clicks, sign-ups and conversions, reward totals per
// currency, sign-ups refused (by reason) and their reward history.
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import { findSettings, linksWithCounts, listTransactions, refusedSignups, rewardTotals } from './repo';
import { settingsView, totalsView, transactionView, type ReferralTransactionView, type RewardTotal } from './views';

export type ReferralLinkView = { id: string; code: string; campaign: string; target: string; path: string; clicks: number; signups: number; conversions: number; createdAt: string };

export type ReferralDashboard = {
  attributionWindowDays: number;
  rewardRule: { kind: 'none' | 'fixed' | 'bps'; amount: string | null; bps: number | null; cap: string | null; scope: 'first' | 'every' };
  links: ReferralLinkView[];
  totals: { clicks: number; signups: number; conversions: number; refusedSignups: Record<string, number> };
  rewards: RewardTotal[];
  transactions: ReferralTransactionView[];
};

export async function referralDashboard(tenant: TenantContext, member: Principal): Promise<ReferralDashboard> {
  return withTenant(tenant.id, { userId: member.userId }, async (t) => {
    const [settings, links, totals, refused, txs] = [await findSettings(t), await linksWithCounts(t, member.userId), await rewardTotals(t, member.userId), await refusedSignups(t, member.userId), await listTransactions(t, { referrerId: member.userId, limit: 100 })];
    const s = settingsView(settings);
    const linkViews = links.map((l) => ({ id: l.id, code: l.code, campaign: l.campaign, target: l.target_path, path: `/r/${l.code}`, clicks: l.clicks ?? 0, signups: l.signups ?? 0, conversions: l.conversions ?? 0, createdAt: l.created_at.toISOString() }));
    const sum = (k: 'clicks' | 'signups' | 'conversions') => linkViews.reduce((n, l) => n + l[k], 0);
    return {
      attributionWindowDays: s.attributionWindowDays,
      rewardRule: { kind: s.rewardKind, amount: s.rewardAmount, bps: s.rewardBps, cap: s.rewardCap, scope: s.rewardScope },
      links: linkViews,
      totals: { clicks: sum('clicks'), signups: sum('signups'), conversions: sum('conversions'), refusedSignups: Object.fromEntries(refused.map((r) => [r.refusal_reason ?? 'unknown', r.n])) },
      rewards: totalsView(totals),
      // The referrer sees the referred member's first name and initial, not their email.
      transactions: txs.map((x) => ({ ...transactionView(x), referrerEmail: member.email })),
    };
  });
}
