// The tenant admin's referral use cases: the reward rule and attribution window (audited with
// before and after), the top referrers, every reward and clawback, and the same as CSV.
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { toCsv } from '../reporting/csv';
import type { TenantContext } from '../tenancy/resolve';
import { findSettings, listTransactions, lockSettings, rewardTotals, topReferrers, writeSettings } from './repo';
import type { ReferralSettingsInput } from './schema';
import { settingsView, totalsView, transactionView, type ReferralSettings, type ReferralTransactionView, type RewardTotal } from './views';

export type TopReferrer = { userId: string; name: string; email: string; clicks: number; signups: number; refusedSignups: number; conversions: number };
export type ReferralAdminOverview = { settings: ReferralSettings; rewards: RewardTotal[]; topReferrers: TopReferrer[]; transactions: ReferralTransactionView[] };

export async function referralAdminOverview(tenant: TenantContext, admin: Principal): Promise<ReferralAdminOverview> {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const [settings, totals, top, txs] = [await findSettings(t), await rewardTotals(t, null), await topReferrers(t, 20), await listTransactions(t, { limit: 200 })];
    return {
      settings: settingsView(settings),
      rewards: totalsView(totals),
      topReferrers: top.map((r) => ({ userId: r.user_id, name: `${r.first_name} ${r.last_name}`, email: r.email, clicks: r.clicks ?? 0, signups: r.signups ?? 0, refusedSignups: r.refused ?? 0, conversions: r.conversions ?? 0 })),
      transactions: txs.map(transactionView),
    };
  });
}

export async function saveReferralSettings(tenant: TenantContext, admin: Principal, input: ReferralSettingsInput, meta: RequestMeta): Promise<{ settings: ReferralSettings }> {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const before = settingsView(await lockSettings(t));
    const next = {
      attribution_window_days: input.attributionWindowDays,
      reward_kind: input.rewardKind,
      reward_amount: input.rewardKind === 'fixed' ? input.rewardAmount! : null,
      reward_bps: input.rewardKind === 'bps' ? input.rewardBps! : null,
      reward_cap: input.rewardKind === 'none' ? null : (input.rewardCap ?? null),
      reward_scope: input.rewardScope,
    };
    await writeSettings(t, next, admin.userId);
    const after = settingsView((await findSettings(t))!);
    const { updatedAt: _b, ...was } = before;
    const { updatedAt: _a, ...now } = after;
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'referral.settings_updated', targetType: 'tenant', targetId: tenant.id, metadata: { before: was, after: now } }, meta);
    return { settings: after };
  });
}

export async function referralTransactionsCsv(tenant: TenantContext, admin: Principal, meta: RequestMeta): Promise<{ filename: string; body: string }> {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const rows = (await listTransactions(t, { limit: 100_000 })).map(transactionView);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'referral.transactions_exported', targetType: 'tenant', targetId: tenant.id, metadata: { rows: rows.length } }, meta);
    // Amounts unsigned with the kind beside them: a spreadsheet guard would quote a leading "-".
    const body = toCsv(
      ['created_at', 'id', 'kind', 'status', 'referrer_email', 'referred_member', 'investment_id', 'currency', 'amount', 'amount_minor_units', 'reverses_id', 'reason'],
      rows.map((r) => [r.createdAt, r.id, r.kind, r.status, r.referrerEmail, r.referredMember, r.investmentId, r.currency, r.amount.replace(/^-/, ''), r.amountMinor.replace(/^-/, ''), r.reversesId, r.reason]),
    );
    return { filename: `referral-transactions-${new Date().toISOString().slice(0, 10)}.csv`, body };
  });
}
