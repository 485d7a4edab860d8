import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { ReferralRefusal, ReferralRewardKind } from '../db/types';
import { uuidv7 } from '../ids';

// Every statement names its tenant (RLS is the backstop, and on Citus the filter routes it).

export type SettingsRow = {
  attribution_window_days: number;
  reward_kind: ReferralRewardKind;
  reward_amount: string | null;
  reward_bps: number | null;
  reward_cap: string | null;
  reward_scope: 'first' | 'every';
  updated_at: Date | null;
};

export async function findSettings(t: TenantTx): Promise<SettingsRow | undefined> {
  return t.tx
    .selectFrom('referral_settings')
    .select(['attribution_window_days', 'reward_kind', 'reward_amount', 'reward_bps', 'reward_cap', 'reward_scope', 'updated_at'])
    .where('tenant_id', '=', t.tenantId)
    .executeTakeFirst();
}

/** The settings row locked for a change (created with the defaults first if missing). */
export async function lockSettings(t: TenantTx): Promise<SettingsRow> {
  await t.tx.insertInto('referral_settings').values({ tenant_id: t.tenantId }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  return t.tx
    .selectFrom('referral_settings')
    .select(['attribution_window_days', 'reward_kind', 'reward_amount', 'reward_bps', 'reward_cap', 'reward_scope', 'updated_at'])
    .where('tenant_id', '=', t.tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function writeSettings(t: TenantTx, s: Omit<SettingsRow, 'updated_at'>, by: string): Promise<void> {
  await t.tx
    .updateTable('referral_settings')
    .set({ ...s, updated_by: by, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .execute();
}

export async function ensureReferrer(t: TenantTx, userId: string): Promise<void> {
  await t.tx.insertInto('referrers').values({ tenant_id: t.tenantId, user_id: userId }).onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing()).execute();
}

/** The new link, or null when its code is taken (codes are unique per tenant, case-insensitively). */
export async function insertLink(t: TenantTx, l: { referrerId: string; code: string; campaign: string; targetPath: string; deviceHash: string }) {
  return (
    (await t.tx
      .insertInto('referral_links')
      .values({ tenant_id: t.tenantId, id: uuidv7(), referrer_id: l.referrerId, code: l.code, campaign: l.campaign, target_path: l.targetPath, created_device_hash: l.deviceHash })
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'code', 'campaign', 'target_path', 'created_at'])
      .executeTakeFirst()) ?? null
  );
}

export async function findLinkByCode(t: TenantTx, code: string) {
  return t.tx
    .selectFrom('referral_links')
    .select(['id', 'referrer_id', 'code', 'target_path'])
    .where('tenant_id', '=', t.tenantId)
    .where(sql<string>`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst();
}

export async function insertClick(t: TenantTx, c: { linkId: string; deviceHash: string; outcome: 'tracked' | 'kept_first' | 'own_link'; at: Date }) {
  const id = uuidv7(c.at.getTime());
  await t.tx.insertInto('referral_clicks').values({ tenant_id: t.tenantId, id, link_id: c.linkId, device_hash: c.deviceHash, outcome: c.outcome, clicked_at: c.at }).execute();
  return id;
}

export async function findClick(t: TenantTx, clickId: string) {
  return t.tx
    .selectFrom('referral_clicks as c')
    .innerJoin('referral_links as l', (j) => j.onRef('l.tenant_id', '=', 'c.tenant_id').onRef('l.id', '=', 'c.link_id'))
    .select(['c.id', 'c.clicked_at', 'c.link_id', 'l.referrer_id'])
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.id', '=', clickId)
    .executeTakeFirst();
}

/** Devices the referrer is known to use: where they made their links and followed their own links. */
export async function referrerDeviceHashes(t: TenantTx, referrerId: string): Promise<string[]> {
  const rows = await t.tx
    .selectFrom('referral_links as l')
    .leftJoin('referral_clicks as c', (j) => j.onRef('c.tenant_id', '=', 'l.tenant_id').onRef('c.link_id', '=', 'l.id').on('c.outcome', '=', 'own_link'))
    .select(['l.created_device_hash', 'c.device_hash'])
    .where('l.tenant_id', '=', t.tenantId)
    .where('l.referrer_id', '=', referrerId)
    .execute();
  return [...new Set(rows.flatMap((r) => [r.created_device_hash, r.device_hash].filter((h): h is string => !!h)))];
}

export async function insertAttribution(
  t: TenantTx,
  a: { referredUserId: string; linkId: string; referrerId: string; clickId: string; status: 'attributed' | 'refused'; refusal: ReferralRefusal | null; deviceHash: string },
) {
  const id = uuidv7();
  await t.tx
    .insertInto('referral_attributions')
    .values({ tenant_id: t.tenantId, id, referred_user_id: a.referredUserId, link_id: a.linkId, referrer_id: a.referrerId, click_id: a.clickId, status: a.status, refusal_reason: a.refusal, device_hash: a.deviceHash })
    .execute();
  return id;
}

/** The referred member's attribution, locked: rewards for one member are decided one at a time. */
export async function lockAttributionOf(t: TenantTx, referredUserId: string) {
  return t.tx
    .selectFrom('referral_attributions')
    .select(['id', 'referrer_id', 'status'])
    .where('tenant_id', '=', t.tenantId)
    .where('referred_user_id', '=', referredUserId)
    .forUpdate()
    .executeTakeFirst();
}

export async function hasStandingReward(t: TenantTx, attributionId: string): Promise<boolean> {
  const r = await t.tx
    .selectFrom('referral_transactions')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('attribution_id', '=', attributionId)
    .where('kind', '=', 'reward')
    .where('status', 'in', ['pending', 'earned'])
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

type RewardRow = { attributionId: string; referrerId: string; referredUserId: string; investmentId: string; amount: bigint; currency: string; decimals: number };

/** A pending reward; null when the investment already has a standing one. */
export async function insertReward(t: TenantTx, r: RewardRow): Promise<string | null> {
  const row = await t.tx
    .insertInto('referral_transactions')
    .values({
      tenant_id: t.tenantId,
      id: uuidv7(),
      kind: 'reward',
      status: 'pending',
      attribution_id: r.attributionId,
      referrer_id: r.referrerId,
      referred_user_id: r.referredUserId,
      investment_id: r.investmentId,
      amount: r.amount,
      currency: r.currency,
      currency_decimals: r.decimals,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function lockStandingReward(t: TenantTx, investmentId: string) {
  return t.tx
    .selectFrom('referral_transactions')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', investmentId)
    .where('kind', '=', 'reward')
    .where('status', 'in', ['pending', 'earned'])
    .forUpdate()
    .executeTakeFirst();
}

export async function lockReward(t: TenantTx, id: string) {
  return t.tx.selectFrom('referral_transactions').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).where('kind', '=', 'reward').forUpdate().executeTakeFirst();
}

export async function setRewardStatus(t: TenantTx, id: string, from: 'pending' | 'earned', to: 'earned' | 'clawed_back'): Promise<number> {
  const r = await t.tx
    .updateTable('referral_transactions')
    .set({ status: to, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertClawback(t: TenantTx, reward: { id: string; attribution_id: string; referrer_id: string; referred_user_id: string; investment_id: string; amount: string; currency: string; currency_decimals: number }, reason: string) {
  const id = uuidv7();
  await t.tx
    .insertInto('referral_transactions')
    .values({
      tenant_id: t.tenantId,
      id,
      kind: 'clawback',
      status: 'applied',
      attribution_id: reward.attribution_id,
      referrer_id: reward.referrer_id,
      referred_user_id: reward.referred_user_id,
      investment_id: reward.investment_id,
      amount: -BigInt(reward.amount),
      currency: reward.currency,
      currency_decimals: reward.currency_decimals,
      reverses_id: reward.id,
      reason,
    })
    .execute();
  return id;
}

// ---- reading: the referrer's dashboard and the admin's overview

export async function linksWithCounts(t: TenantTx, referrerId: string) {
  return t.tx
    .selectFrom('referral_links as l')
    .select((eb) => [
      'l.id',
      'l.code',
      'l.campaign',
      'l.target_path',
      'l.created_at',
      eb
        .selectFrom('referral_clicks as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('c.tenant_id', '=', 'l.tenant_id')
        .whereRef('c.link_id', '=', 'l.id')
        .where('c.outcome', '<>', 'own_link')
        .as('clicks'),
      eb
        .selectFrom('referral_attributions as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.tenant_id', '=', 'l.tenant_id')
        .whereRef('a.link_id', '=', 'l.id')
        .where('a.status', '=', 'attributed')
        .as('signups'),
      eb
        .selectFrom('referral_attributions as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.tenant_id', '=', 'l.tenant_id')
        .whereRef('a.link_id', '=', 'l.id')
        .where('a.status', '=', 'attributed')
        .where((w) =>
          w.exists(
            w
              .selectFrom('referral_transactions as x')
              .select('x.id')
              .whereRef('x.tenant_id', '=', 'a.tenant_id')
              .whereRef('x.attribution_id', '=', 'a.id')
              .where('x.kind', '=', 'reward')
              .where('x.status', 'in', ['pending', 'earned']),
          ),
        )
        .as('conversions'),
    ])
    .where('l.tenant_id', '=', t.tenantId)
    .where('l.referrer_id', '=', referrerId)
    .orderBy('l.created_at', 'desc')
    .execute();
}

/** Reward sums by currency and status (a clawed-back reward counts under clawed_back). */
export async function rewardTotals(t: TenantTx, referrerId: string | null) {
  let q = t.tx
    .selectFrom('referral_transactions')
    .select(['currency', 'currency_decimals', 'status', sql<string>`sum(amount)::text`.as('total')])
    .where('tenant_id', '=', t.tenantId)
    .where('kind', '=', 'reward');
  if (referrerId) q = q.where('referrer_id', '=', referrerId);
  return q.groupBy(['currency', 'currency_decimals', 'status']).orderBy('currency').execute();
}

export async function refusedSignups(t: TenantTx, referrerId: string) {
  return t.tx
    .selectFrom('referral_attributions')
    .select(['refusal_reason', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', t.tenantId)
    .where('referrer_id', '=', referrerId)
    .where('status', '=', 'refused')
    .groupBy('refusal_reason')
    .execute();
}

const TX_COLUMNS = ['x.id', 'x.kind', 'x.status', 'x.amount', 'x.currency', 'x.currency_decimals', 'x.investment_id', 'x.referrer_id', 'x.referred_user_id', 'x.reverses_id', 'x.reason', 'x.created_at', 'x.updated_at'] as const;

export async function listTransactions(t: TenantTx, opts: { referrerId?: string; limit: number }) {
  let q = t.tx
    .selectFrom('referral_transactions as x')
    .innerJoin('users as r', (j) => j.onRef('r.tenant_id', '=', 'x.tenant_id').onRef('r.id', '=', 'x.referrer_id'))
    .innerJoin('users as m', (j) => j.onRef('m.tenant_id', '=', 'x.tenant_id').onRef('m.id', '=', 'x.referred_user_id'))
    .select([...TX_COLUMNS, 'r.email as referrer_email', 'm.first_name as referred_first_name', 'm.last_name as referred_last_name'])
    .where('x.tenant_id', '=', t.tenantId);
  if (opts.referrerId) q = q.where('x.referrer_id', '=', opts.referrerId);
  return q.orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').limit(opts.limit).execute();
}

export async function topReferrers(t: TenantTx, limit: number) {
  return t.tx
    .selectFrom('referrers as f')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.user_id'))
    .select((eb) => [
      'f.user_id',
      'u.email',
      'u.first_name',
      'u.last_name',
      eb
        .selectFrom('referral_links as l')
        .innerJoin('referral_clicks as c', (j) => j.onRef('c.tenant_id', '=', 'l.tenant_id').onRef('c.link_id', '=', 'l.id'))
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.tenant_id', '=', 'f.tenant_id')
        .whereRef('l.referrer_id', '=', 'f.user_id')
        .where('c.outcome', '<>', 'own_link')
        .as('clicks'),
      eb
        .selectFrom('referral_attributions as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.tenant_id', '=', 'f.tenant_id')
        .whereRef('a.referrer_id', '=', 'f.user_id')
        .where('a.status', '=', 'attributed')
        .as('signups'),
      eb
        .selectFrom('referral_attributions as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.tenant_id', '=', 'f.tenant_id')
        .whereRef('a.referrer_id', '=', 'f.user_id')
        .where('a.status', '=', 'refused')
        .as('refused'),
      eb
        .selectFrom('referral_transactions as x')
        .select(sql<number>`count(distinct x.referred_user_id)::int`.as('n'))
        .whereRef('x.tenant_id', '=', 'f.tenant_id')
        .whereRef('x.referrer_id', '=', 'f.user_id')
        .where('x.kind', '=', 'reward')
        .where('x.status', 'in', ['pending', 'earned'])
        .as('conversions'),
    ])
    .where('f.tenant_id', '=', t.tenantId)
    .orderBy('signups', 'desc')
    .orderBy('clicks', 'desc')
    .orderBy('f.created_at')
    .limit(limit)
    .execute();
}
