import { sql, type Insertable } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { AccreditationMethod, ComplianceChecksTable, InvestorDeclarationsTable, VerificationLevel } from '../db/types';
import { uuidv7 } from '../ids';
import { LIVE_STATUSES } from '../investments/lifecycle';
import { countingDeclarationsOf } from './repo-501e';
import { countWithBuyer } from './rules/purchaser-count-501e';

// SQL of the compliance module. It reads investments (read-only) because its questions are
// about them: who bought, in what, when, and under which recorded check.

// ---------------------------------------------------------------- declarations

export function findDeclaration(t: TenantTx, userId: string) {
  return t.tx.selectFrom('investor_declarations').selectAll().where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertDeclaration(t: TenantTx, row: Omit<Insertable<InvestorDeclarationsTable>, 'tenant_id'>) {
  const now = new Date();
  const { user_id: _u, ...patch } = row;
  await t.tx
    .insertInto('investor_declarations')
    .values({ ...row, tenant_id: t.tenantId, declared_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ ...patch, updated_at: now }))
    .execute();
}

export function declarationsOf(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx.selectFrom('investor_declarations').selectAll().where('tenant_id', '=', t.tenantId).where('user_id', 'in', userIds).execute();
}

// ---------------------------------------------------------------- accreditation

export async function insertAccreditation(
  t: TenantTx,
  a: { userId: string; method: AccreditationMethod; evidence: Record<string, unknown>; approvedAt?: Date; expiresAt?: Date },
) {
  return t.tx
    .insertInto('accreditation_verifications')
    .values({
      tenant_id: t.tenantId,
      id: uuidv7(),
      user_id: a.userId,
      method: a.method,
      evidence: JSON.stringify(a.evidence),
      status: a.approvedAt ? 'approved' : 'pending',
      verified_at: a.approvedAt ?? null,
      expires_at: a.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
export type AccreditationRow = Awaited<ReturnType<typeof insertAccreditation>>;

export function findAccreditation(t: TenantTx, id: string, opts: { lock?: boolean } = {}) {
  return t.tx
    .selectFrom('accreditation_verifications')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .$if(!!opts.lock, (q) => q.forUpdate())
    .executeTakeFirst();
}

export function listAccreditations(t: TenantTx, status: 'pending' | 'approved' | 'rejected', limit: number) {
  return t.tx
    .selectFrom('accreditation_verifications as a')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
    .selectAll('a')
    .select(['u.email', 'u.first_name', 'u.last_name'])
    .where('a.tenant_id', '=', t.tenantId)
    .where('a.status', '=', status)
    .orderBy('a.submitted_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** One investor's submissions, newest first. */
export function accreditationsOf(t: TenantTx, userId: string, limit = 50) {
  return t.tx
    .selectFrom('accreditation_verifications')
    .select(['id', 'method', 'status', 'submitted_at', 'verified_at', 'expires_at', 'decision_reason'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function decideAccreditation(
  t: TenantTx,
  id: string,
  d: { status: 'approved' | 'rejected'; verifiedBy: string; reason: string | null; expiresAt: Date | null },
): Promise<number> {
  const now = new Date();
  const r = await t.tx
    .updateTable('accreditation_verifications')
    .set({ status: d.status, verified_by: d.verifiedBy, verified_at: d.status === 'approved' ? now : null, expires_at: d.expiresAt, decision_reason: d.reason })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Approved verifications of the users, newest first (at most `perUser` each is all the rules need). */
export function approvedAccreditations(t: TenantTx, userIds: string[], perUser = 20) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('accreditation_verifications')
    .select(['id', 'user_id', 'method', 'evidence', 'verified_at', 'expires_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .where('status', '=', 'approved')
    .orderBy('verified_at', 'desc')
    .limit(perUser * userIds.length)
    .execute();
}

// ---------------------------------------------------------------- suitability

export async function insertSuitability(t: TenantTx, s: { userId: string; answers: Record<string, string>; score: number; band: string; knowledgeExperiencePoints: number }) {
  return t.tx
    .insertInto('suitability_assessments')
    .values({ tenant_id: t.tenantId, id: uuidv7(), user_id: s.userId, answers: JSON.stringify(s.answers), score: s.score, band: s.band, knowledge_experience_points: s.knowledgeExperiencePoints })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function latestSuitability(t: TenantTx, userId: string) {
  return t.tx
    .selectFrom('suitability_assessments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest assessment of each of several investors. */
export function latestSuitabilities(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('suitability_assessments')
    .selectAll()
    .distinctOn('user_id')
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

// ---------------------------------------------------------------- investments, as compliance sees them

/**
 * Live investments of the investor in the tenant since `since`, summed per currency: in its
 * Reg CF offerings only (227.100(a)(2) counts Reg CF purchases), or in every offering.
 */
export function liveInvestmentsSince(t: TenantTx, userId: string, since: Date, offerings: 'reg_cf' | 'all') {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['i.currency', 'i.currency_decimals', sql<string>`sum(i.amount)`.as('amount')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.investor_id', '=', userId)
    .where('i.status', 'in', LIVE_STATUSES)
    .where('i.created_at', '>', since)
    .$if(offerings === 'reg_cf', (q) => q.where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_cf'`))
    .groupBy(['i.currency', 'i.currency_decimals'])
    .orderBy('i.currency')
    .execute();
}

// ---------------------------------------------------------------- Reg CF purchases elsewhere (227.303(b)(1))

/** The investor's stated Reg CF purchases through other intermediaries, newest first; since `since` when given. */
export function externalRegCfInvestmentsOf(t: TenantTx, userId: string, since?: Date) {
  return t.tx
    .selectFrom('investor_external_reg_cf_investments')
    .select(['id', 'amount', 'invested_on', 'intermediary', 'stated_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .$if(since !== undefined, (q) => q.where('invested_on', '>', since!))
    .orderBy('invested_on', 'desc')
    .orderBy('id')
    .execute();
}

/** Replaces the investor's statement of Reg CF purchases elsewhere with these entries. */
export async function replaceExternalRegCfInvestments(t: TenantTx, userId: string, entries: { amount: bigint; investedOn: Date; intermediary: string | null }[]): Promise<void> {
  await t.tx.deleteFrom('investor_external_reg_cf_investments').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
  if (entries.length === 0) return;
  const now = new Date();
  await t.tx
    .insertInto('investor_external_reg_cf_investments')
    .values(entries.map((e) => ({ tenant_id: t.tenantId, user_id: userId, id: uuidv7(), amount: e.amount, invested_on: e.investedOn, intermediary: e.intermediary, stated_at: now })))
    .execute();
}

/**
 * Each purchaser with a live investment in the deal and whether any of those investments
 * was let through by a check that found the investor accredited (Reg D counts purchasers by
 * their status at the sale). Investments without a check (made before checks existed) count
 * as non-accredited: the conservative reading.
 */
function purchasers(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('investments as i')
    .leftJoin('compliance_checks as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.investment_id', '=', 'i.id'))
    .select(['i.investor_id', sql<boolean>`coalesce(bool_or(c.investor_accredited), false)`.as('accredited')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.status', 'in', LIVE_STATUSES)
    .groupBy('i.investor_id');
}

/**
 * Non-accredited purchasers counted against the 35 of Rule 506(b) for a sale in this deal: its own
 * purchasers, and those of the issuer's other 506(b) offerings still open or closed within the
 * last 90 days (230.152(b)(1): the 35 apply across an issuer's 506(b) offerings within 90 calendar
 * days of each other). An investor is counted once however many of those offerings they bought in.
 */
function purchasersOfIssuer506b(t: TenantTx, dealId: string, issuerId: string | null, since: Date) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .leftJoin('compliance_checks as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.investment_id', '=', 'i.id'))
    .select(['i.investor_id', sql<boolean>`coalesce(bool_or(c.investor_accredited), false)`.as('accredited')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.status', 'in', LIVE_STATUSES)
    .where((eb) =>
      issuerId === null
        ? eb('i.deal_id', '=', dealId)
        : eb.or([
            eb('i.deal_id', '=', dealId),
            eb.and([
              eb('d.issuer_id', '=', issuerId),
              sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_d_506b'`,
              eb.or([eb('d.closed_at', 'is', null), eb('d.closed_at', '>', since)]),
            ]),
          ]),
    )
    .groupBy('i.investor_id');
}

/**
 * The non-accredited purchasers counted against the 35 (230.506(b)(2)(i), 230.152(b)(1)) under the
 * 501(e) counting rules, and what a sale to this (non-accredited) user adds: 0 when already counted.
 */
export async function nonAccreditedPurchasers(t: TenantTx, deal: { id: string; issuerId: string | null }, userId: string, since: Date): Promise<{ others: number; self: boolean; added: number }> {
  const rows = await purchasersOfIssuer506b(t, deal.id, deal.issuerId, since).execute();
  const purchasers = rows.map((r) => ({ id: r.investor_id, accredited: r.accredited }));
  const decls = await countingDeclarationsOf(t, [...new Set([...purchasers.map((p) => p.id), userId])]);
  const { count, added } = countWithBuyer(purchasers, decls, userId);
  return { others: count, self: added === 0, added };
}

export function purchaserStatuses(t: TenantTx, dealId: string) {
  return purchasers(t, dealId).execute();
}

/**
 * Serialises the compliance decisions that read counters (the 506(b) purchaser count of a
 * deal, an investor's 12-month total) until the transaction ends, so two concurrent
 * investments cannot both take the last place.
 */
export async function lockFor(t: TenantTx, what: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`compliance:${t.tenantId}:${what}`}, 0))`.execute(t.tx);
}

// ---------------------------------------------------------------- checks

export const insertCheck = (t: TenantTx, row: Omit<Insertable<ComplianceChecksTable>, 'tenant_id'>) => insertChecks(t, [row]);

const jsonText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * One statement for any number of checks, one array parameter per column (unnest): a group of
 * investments stores ~50 checks with their rule inputs at once, and a VALUES list would bind
 * 14 parameters per row, which costs more to build, send and plan than the rows themselves.
 */
export async function insertChecks(t: TenantTx, rows: Omit<Insertable<ComplianceChecksTable>, 'tenant_id'>[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  await sql`
    insert into compliance_checks (tenant_id, id, user_id, deal_id, investment_id, amount, currency, currency_decimals, outcome,
                                   blocking_rule, code, investor_accredited, rules, context, engine_version, created_at)
    select ${t.tenantId}::uuid, c.id, c.user_id, c.deal_id, c.investment_id, c.amount, c.currency, c.currency_decimals, c.outcome,
           c.blocking_rule, c.code, c.investor_accredited, c.rules, c.context, c.engine_version, coalesce(c.created_at, now())
    from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.user_id)}::uuid[], ${col((r) => r.deal_id)}::uuid[],
                ${col((r) => r.investment_id ?? null)}::uuid[], ${col((r) => r.amount.toString())}::numeric[], ${col((r) => r.currency)}::text[],
                ${col((r) => r.currency_decimals)}::smallint[], ${col((r) => r.outcome)}::text[], ${col((r) => r.blocking_rule ?? null)}::text[],
                ${col((r) => r.code ?? null)}::text[], ${col((r) => r.investor_accredited)}::boolean[], ${col((r) => jsonText(r.rules))}::jsonb[],
                ${col((r) => jsonText(r.context))}::jsonb[], ${col((r) => r.engine_version)}::text[],
                ${col((r) => (r.created_at === undefined ? null : r.created_at))}::timestamptz[])
      as c(id, user_id, deal_id, investment_id, amount, currency, currency_decimals, outcome, blocking_rule, code, investor_accredited,
           rules, context, engine_version, created_at)`.execute(t.tx);
}

export async function linkCheck(t: TenantTx, checkId: string, investmentId: string): Promise<void> {
  await t.tx.updateTable('compliance_checks').set({ investment_id: investmentId }).where('tenant_id', '=', t.tenantId).where('id', '=', checkId).where('investment_id', 'is', null).execute();
}

export function listChecks(t: TenantTx, f: { dealId?: string; userId?: string; outcome?: 'allowed' | 'blocked' | 'review'; limit: number }) {
  return t.tx
    .selectFrom('compliance_checks')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .$if(!!f.dealId, (q) => q.where('deal_id', '=', f.dealId!))
    .$if(!!f.userId, (q) => q.where('user_id', '=', f.userId!))
    .$if(!!f.outcome, (q) => q.where('outcome', '=', f.outcome!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .execute();
}

// ---------------------------------------------------------------- profiles (KYC status and level, for facts and reports)

export function profilesOf(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('profiles')
    .select(['user_id', 'country', 'kyc_status', 'verification_level'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .execute();
}

/**
 * Each user's verification grants other than 'accredited' still held: what a profile level
 * of 'accredited' stands on once the accreditation behind it has expired.
 */
export function heldLevelsBelowAccredited(t: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('user_verification_levels')
    .select(['user_id', 'level'])
    .distinct()
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .where('level', '<>', 'accredited')
    .where('revoked_at', 'is', null)
    .execute();
}

// ---------------------------------------------------------------- one investor's level facts, in one statement

export type LevelFactsRow = {
  verification_level: VerificationLevel | null;
  held: VerificationLevel[];
  open_hits: number;
  confirmed_hits: number;
  declaration: Pick<InvestorDeclarationsTable, 'residence_country' | 'residence_subdivision' | 'nationality' | 'is_us_person' | 'investor_type'> & {
    annual_income: string | null;
    joint_annual_income: string | null;
    net_worth: string | null;
  } | null;
  accreditations: { id: string; method: AccreditationMethod; evidence: unknown; verified_at: Date; expires_at: Date | null }[];
};

/**
 * What one investor's effective verification level is decided from (action-levels.ts
 * effectiveLevelOf): the profile's level, the grants other than 'accredited' still held, open and
 * confirmed screening hits, the declaration and the approved accreditations (newest 20) — the
 * same rows as profilesOf, heldLevelsBelowAccredited, hitCountsOf, declarationsOf and
 * approvedAccreditations, read in one statement because pool pages ask on every request.
 * Amounts travel as text inside the JSON (numeric(…) would lose digits as a JSON number).
 */
export async function levelFactsOf(t: TenantTx, userId: string): Promise<LevelFactsRow> {
  const r = await sql<Omit<LevelFactsRow, 'accreditations'> & { accreditations: (Omit<LevelFactsRow['accreditations'][number], 'verified_at' | 'expires_at'> & { verified_at: string; expires_at: string | null })[] }>`
    select
      (select p.verification_level::text from profiles p where p.tenant_id = ${t.tenantId} and p.user_id = ${userId}) as verification_level,
      array(select distinct l.level::text from user_verification_levels l
             where l.tenant_id = ${t.tenantId} and l.user_id = ${userId} and l.level <> 'accredited' and l.revoked_at is null) as held,
      (select count(*)::int from screening_hits h where h.tenant_id = ${t.tenantId} and h.user_id = ${userId} and h.status = 'open') as open_hits,
      (select count(*)::int from screening_hits h where h.tenant_id = ${t.tenantId} and h.user_id = ${userId} and h.status = 'confirmed') as confirmed_hits,
      (select json_build_object(
                'residence_country', d.residence_country, 'residence_subdivision', d.residence_subdivision, 'nationality', d.nationality,
                'is_us_person', d.is_us_person, 'investor_type', d.investor_type,
                'annual_income', d.annual_income::text, 'joint_annual_income', d.joint_annual_income::text, 'net_worth', d.net_worth::text)
         from investor_declarations d where d.tenant_id = ${t.tenantId} and d.user_id = ${userId}) as declaration,
      (select coalesce(json_agg(json_build_object('id', a.id, 'method', a.method, 'evidence', a.evidence, 'verified_at', a.verified_at, 'expires_at', a.expires_at)
                                order by a.verified_at desc), '[]'::json)
         from (select id, method, evidence, verified_at, expires_at from accreditation_verifications
                where tenant_id = ${t.tenantId} and user_id = ${userId} and status = 'approved'
                order by verified_at desc limit 20) a) as accreditations`.execute(t.tx);
  const row = r.rows[0]!;
  return {
    ...row,
    accreditations: row.accreditations.map((a) => ({ ...a, verified_at: new Date(a.verified_at), expires_at: a.expires_at === null ? null : new Date(a.expires_at) })),
  };
}

// ---------------------------------------------------------------- tenant settings

/**
 * Replaces settings.compliance and merges into settings.screening of the current tenant only
 * (RLS tenants_self_update is the backstop); every other settings key is left as it is.
 */
export async function writeComplianceSettings(t: TenantTx, compliance: Record<string, unknown>, screening: Record<string, unknown>): Promise<void> {
  await t.tx
    .updateTable('tenants')
    .set({
      settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('compliance', ${JSON.stringify(compliance)}::jsonb, 'screening', coalesce(settings->'screening', '{}'::jsonb) || ${JSON.stringify(screening)}::jsonb)`,
      updated_at: new Date(),
    })
    .where('id', '=', t.tenantId)
    .execute();
}

/** The investor's live Reg CF investments (every offering when `offerings` is 'all') since `since`, one by one, oldest first. */
export function liveInvestmentRowsSince(t: TenantTx, userId: string, since: Date, offerings: 'reg_cf' | 'all') {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['i.amount', 'i.currency', 'i.currency_decimals', 'i.created_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.investor_id', '=', userId)
    .where('i.status', 'in', LIVE_STATUSES)
    .where('i.created_at', '>', since)
    .$if(offerings === 'reg_cf', (q) => q.where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_cf'`))
    .orderBy('i.created_at')
    .execute();
}
