import { sql } from 'kysely';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { requireVisibleDeal } from '../deals/browse';
import type { DealRow } from '../deals/repo';
import { withTenant, type TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import { LIVE_STATUSES } from '../investments/lifecycle';
import { ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { onOrNextBusinessDay } from './business-days';
import { badActorRecordsOf } from './covered-persons';
import { certificationView, latestCertifications } from './bad-actor';
import { INTEGRATION_DAYS_506B } from './investor-facts';
import { dealTermsOf } from './policy';
import { distributionCompliancePeriod } from './reg-s-distribution';
import { nonAccreditedPurchasers } from './repo';
import { overdueNoticeOf } from './repo-form-d';
import { materialChangesView } from './reg-cf-material-change';
import { MAX_NON_ACCREDITED_PURCHASERS } from './rules/reg-d-506b';
import type { FormDFilingInput } from './schema';

// What a compliance officer sees per deal: the 506(b) count, the Form D deadline and filings,
// the issuer's bad-actor certification and the Regulation S category.

/**
 * 230.503(a)(1): Form D is due 15 calendar days after the first sale; a due day on a Saturday,
 * Sunday or federal holiday moves to the next business day (230.0-3(a)).
 */
export function formDDueOn(firstSale: Date): string {
  const d = new Date(Date.UTC(firstSale.getUTCFullYear(), firstSale.getUTCMonth(), firstSale.getUTCDate() + 15));
  return onOrNextBusinessDay(d).toISOString().slice(0, 10);
}

const NO_USER = '00000000-0000-0000-0000-000000000000';

function firstSaleOf(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('investments')
    .select(sql<Date | null>`min(created_at)`.as('first'))
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('status', 'in', LIVE_STATUSES)
    .executeTakeFirstOrThrow();
}

function filingsOf(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('form_d_filings')
    .select(['id', 'kind', 'sec_file_number', sql<string>`filed_on::text`.as('filed_on'), 'recorded_by', 'recorded_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .orderBy('filed_on')
    .orderBy('id')
    .execute();
}

/** The compliance summary of one deal at `now`, inside the caller's transaction. */
export async function complianceSummaryOf(t: TenantTx, deal: DealRow, now: Date) {
  const terms = dealTermsOf(deal);
  const regD = terms.regimes.includes('reg_d_506b') || terms.regimes.includes('reg_d_506c');
  const usExemption = regD || terms.regimes.includes('reg_cf') || terms.regimes.includes('reg_a_tier1') || terms.regimes.includes('reg_a_tier2');
  const regCf = terms.regimes.includes('reg_cf');
  const [first, filings, certs, count, notice, changes] = await Promise.all([
    firstSaleOf(t, deal.id),
    regD ? filingsOf(t, deal.id) : Promise.resolve([]),
    usExemption ? latestCertifications(t, [deal.issuer_id]) : Promise.resolve([]),
    terms.regimes.includes('reg_d_506b')
      ? nonAccreditedPurchasers(t, { id: deal.id, issuerId: deal.issuer_id }, NO_USER, new Date(now.getTime() - INTEGRATION_DAYS_506B * 86_400_000))
      : Promise.resolve(null),
    regD ? overdueNoticeOf(t, deal.id) : Promise.resolve(undefined),
    regCf ? materialChangesView(t, deal.id) : Promise.resolve(null),
  ]);
  // 230.506(d), (e): what the covered persons on record mean for a sale (null when none are recorded).
  const standing = usExemption ? await badActorRecordsOf(t, deal.issuer_id, certs[0]) : undefined;
  const firstSale = first.first ? new Date(first.first) : null;
  const dueOn = firstSale ? formDDueOn(firstSale) : null;
  const initial = filings.find((f) => f.kind === 'initial') ?? null;
  const today = now.toISOString().slice(0, 10);
  const period = terms.regSCategory ? distributionCompliancePeriod({ category: terms.regSCategory, kind: terms.assetType === 'debt' ? 'debt' : 'equity', reportingIssuer: terms.reportingIssuer }) : null;
  return {
    regimes: terms.regimes,
    // 230.506(b)(2)(i), 230.152(b)(1): counted across the issuer's 506(b) offerings within 90 days.
    reg506b: count ? { nonAccreditedPurchasers: count.others, limit: MAX_NON_ACCREDITED_PURCHASERS, remaining: Math.max(0, MAX_NON_ACCREDITED_PURCHASERS - count.others), countedAcrossDays: INTEGRATION_DAYS_506B } : null,
    // 230.503: due 15 days after the first sale.
    formD: regD
      ? {
          firstSaleAt: firstSale?.toISOString() ?? null,
          dueOn,
          filed: initial !== null,
          filedOn: initial?.filed_on ?? null,
          // Past the due day with no initial filing recorded: the alert.
          overdue: dueOn !== null && initial === null && today > dueOn,
          filedLate: dueOn !== null && initial !== null && initial.filed_on > dueOn,
          // The one email the compliance sweep sent the compliance officers when it became overdue.
          overdueNotifiedAt: notice?.notified_at.toISOString() ?? null,
          filings: filings.map((f) => ({ id: f.id, kind: f.kind, secFileNumber: f.sec_file_number, filedOn: f.filed_on, recordedBy: f.recorded_by, recordedAt: f.recorded_at.toISOString() })),
        }
      : null,
    // 230.506(d), (e); 227.503.
    badActorCertification: usExemption
      ? { ...(certs[0] ? certificationView(certs[0]) : { current: false, certifiedAt: null, validUntil: null }), coveredPersonsOnRecord: standing ?? null }
      : null,
    // 227.304(c): material changes and how many commitments were reconfirmed or cancelled.
    regCf: changes ? { materialChanges: changes } : null,
    // 230.903(b).
    regS: terms.regSCategory ? { category: terms.regSCategory, reportingIssuer: terms.reportingIssuer, distributionCompliancePeriod: period, closedAt: deal.closed_at?.toISOString() ?? null } : null,
  };
}

/** GET /api/compliance/deals/[id]/summary */
export async function dealComplianceSummary(tenant: TenantContext, p: Principal, dealId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireVisibleDeal(t, p, dealId);
    return { dealId: deal.id, ...(await complianceSummaryOf(t, deal, new Date())) };
  });
}

/** POST /api/compliance/deals/[id]/form-d-filings: a compliance officer records a Form D filing (230.503). */
export async function recordFormDFiling(tenant: TenantContext, p: Principal, dealId: string, input: FormDFilingInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireVisibleDeal(t, p, dealId);
    const terms = dealTermsOf(deal);
    if (!terms.regimes.includes('reg_d_506b') && !terms.regimes.includes('reg_d_506c'))
      throw new ValidationError([{ field: 'kind', message: 'Form D is filed for Regulation D offerings (17 CFR 230.503); this deal is not one' }]);
    if (input.filedOn > new Date().toISOString().slice(0, 10)) throw new ValidationError([{ field: 'filedOn', message: 'cannot be in the future' }]);
    const existing = await filingsOf(t, deal.id);
    if (input.kind === 'initial' && existing.some((f) => f.kind === 'initial')) throw new ValidationError([{ field: 'kind', message: 'the initial Form D is already recorded; record an amendment' }]);
    if (input.kind === 'amendment' && !existing.some((f) => f.kind === 'initial')) throw new ValidationError([{ field: 'kind', message: 'record the initial Form D first' }]);
    const id = uuidv7();
    await t.tx.insertInto('form_d_filings').values({ tenant_id: t.tenantId, id, deal_id: deal.id, kind: input.kind, sec_file_number: input.secFileNumber, filed_on: input.filedOn, recorded_by: p.userId }).execute();
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.form_d_recorded', targetType: 'deal', targetId: deal.id, metadata: { kind: input.kind, secFileNumber: input.secFileNumber, filedOn: input.filedOn } }, meta);
    return { dealId: deal.id, ...(await complianceSummaryOf(t, deal, new Date())) };
  });
}
