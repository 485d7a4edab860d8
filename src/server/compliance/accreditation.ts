import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { grantVerificationLevel } from '../auth/verification-levels';
import { requireVisibleDeal } from '../deals/browse';
import { withTenant } from '../db/tenant';
import { Conflict, Forbidden, NotFound, ValidationError, type FieldError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { accreditationOf, declarationFacts } from './investor-facts';
import { accreditationsOf, approvedAccreditations, decideAccreditation, declarationsOf, findAccreditation, insertAccreditation, listAccreditations, type AccreditationRow } from './repo';
import { ACCREDITATION_VALIDITY_DAYS, declarationContradictsAccreditation, JOINT_INCOME_USD_CENTS, NATURAL_PERSON_INCOME_USD_CENTS, NATURAL_PERSON_NET_WORTH_USD_CENTS, reverificationBasisEndsAt } from './rules/investor-status';
import type { AccreditationCategory, AccreditationDecisionInput, AccreditationInput } from './schema';
import { toMinorUnits } from '../money';

export function accreditationView(a: AccreditationRow) {
  return {
    id: a.id,
    userId: a.user_id,
    method: a.method,
    status: a.status,
    evidence: a.evidence,
    submittedAt: a.submitted_at.toISOString(),
    verifiedBy: a.verified_by,
    verifiedAt: a.verified_at?.toISOString() ?? null,
    expiresAt: a.expires_at?.toISOString() ?? null,
    decisionReason: a.decision_reason,
  };
}

const DAY_MS = 86_400_000;
const cents = (dollars: string) => toMinorUnits(dollars, 2);
const FIVE_MILLION_USD_CENTS = 500_000_000n;

/**
 * The 501(a) thresholds the category's figures must meet, each failure naming its field:
 * 501(a)(6) $200,000 (or $300,000 joint) in each of the two most recent years; 501(a)(5)
 * $1,000,000; 501(a)(9) and (a)(12) more than $5,000,000.
 */
export function categoryErrors(c: AccreditationCategory, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (c.kind === 'income') {
    const expected = [now.getUTCFullYear() - 1, now.getUTCFullYear() - 2];
    const years = c.years.map((y) => y.year).sort((a, b) => b - a);
    if (years[0] !== expected[0] || years[1] !== expected[1]) errors.push({ field: 'category.years', message: `must be the two most recent years, ${expected[0]} and ${expected[1]} (17 CFR 230.501(a)(6))` });
    c.years.forEach((y, i) => {
      const min = y.joint ? JOINT_INCOME_USD_CENTS : NATURAL_PERSON_INCOME_USD_CENTS;
      if (cents(y.amount) < min) errors.push({ field: `category.years.${i}.amount`, message: `must be at least ${y.joint ? '$300,000 (joint)' : '$200,000'} for the income test (17 CFR 230.501(a)(6))` });
    });
  }
  if (c.kind === 'net_worth' && cents(c.amount) < NATURAL_PERSON_NET_WORTH_USD_CENTS)
    errors.push({ field: 'category.amount', message: 'must be at least $1,000,000, excluding the primary residence (17 CFR 230.501(a)(5))' });
  if (c.kind === 'entity_investments' && cents(c.amount) <= FIVE_MILLION_USD_CENTS) errors.push({ field: 'category.amount', message: 'must be more than $5,000,000 in investments (17 CFR 230.501(a)(9))' });
  if (c.kind === 'family_office' && cents(c.assetsUnderManagement) <= FIVE_MILLION_USD_CENTS)
    errors.push({ field: 'category.assetsUnderManagement', message: 'must be more than $5,000,000 under management (17 CFR 230.501(a)(12))' });
  return errors;
}
/** Methods a compliance officer (or a professional's letter) verified: what a re-verification statement may rely on. */
const REVIEWED_METHODS = ['letter_from_professional', 'income_documents', 'net_worth_documents'];

/**
 * POST /api/investor/accreditation. Documents and letters wait for a compliance officer.
 * A minimum-investment representation is recorded as approved at once: under the SEC staff
 * position (March 2025) the issuer may rely on it, and the 506(c) rule still checks that the
 * investment itself reaches the minimum. A re-verification statement (230.506(c)(2)(ii)(E))
 * is approved at once too, but only on a reviewed verification at most five years old and
 * with no declaration to the contrary; it lasts until that basis is five years old or a year
 * has passed, whichever is first.
 */
export async function submitAccreditation(tenant: TenantContext, p: Principal, input: AccreditationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { method, ...evidence } = input;
    const now = new Date();
    let expiresAt: Date | undefined;
    // The representation is about the minimum investment in one offering: it must exist for this investor.
    if (method === 'minimum_investment_representation') await requireVisibleDeal(t, p, input.dealId);
    if ('documentDate' in input && input.documentDate > now.toISOString().slice(0, 10)) throw new ValidationError([{ field: 'documentDate', message: 'cannot be in the future' }]);
    if ('category' in input && input.category) {
      const errors = categoryErrors(input.category, now);
      if (errors.length) throw new ValidationError(errors);
    }
    if (method === 'reverification_statement') {
      const [approved, [declaration]] = await Promise.all([approvedAccreditations(t, [p.userId]), declarationsOf(t, [p.userId])]);
      const basis = approved.map(accreditationOf).find((a) => REVIEWED_METHODS.includes(a.method) && reverificationBasisEndsAt(a.verifiedAt).getTime() > now.getTime());
      if (!basis)
        throw new Conflict('reverification_without_prior_verification', 'A written statement re-verifies only an investor whose accreditation was verified from documents or a letter within the last five years (Rule 506(c)(2)(ii)(E)); submit documents instead');
      if (declarationContradictsAccreditation({ declaration: declaration ? declarationFacts(declaration) : null, accreditations: approved.map(accreditationOf) }, now))
        throw new Conflict('reverification_contradicted', 'Your declared income (under $200,000) and net worth (under $1,000,000) contradict the statement; a written statement cannot re-verify you (Rule 506(c)(2)(ii)(E)); submit documents instead');
      Object.assign(evidence, { priorAccreditationId: basis.id, priorVerifiedAt: basis.verifiedAt });
      const end = reverificationBasisEndsAt(basis.verifiedAt);
      const yearOn = new Date(now.getTime() + ACCREDITATION_VALIDITY_DAYS * DAY_MS);
      expiresAt = end < yearOn ? end : yearOn;
    }
    const instant = method === 'minimum_investment_representation' || method === 'reverification_statement';
    const row = await insertAccreditation(t, { userId: p.userId, method, evidence, approvedAt: instant ? now : undefined, expiresAt });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.accreditation_submitted', targetType: 'accreditation_verification', targetId: row.id, metadata: { method, status: row.status } }, meta);
    return accreditationView(row);
  });
}

/**
 * The expiry an approval stores: the reviewer's, which must lie after the approval and at most
 * ACCREDITATION_VALIDITY_DAYS on (501(a)(5)/(6) status is a current-year test), else that
 * default. Without one, an approval would count for every later sale for ever.
 */
export function approvalExpiry(requested: string | undefined, now: Date): Date {
  const latest = new Date(now.getTime() + ACCREDITATION_VALIDITY_DAYS * DAY_MS);
  if (requested === undefined) return latest;
  const at = new Date(requested);
  if (at.getTime() <= now.getTime()) throw new ValidationError([{ field: 'expiresAt', message: 'must be after the approval' }]);
  if (at.getTime() > latest.getTime()) throw new ValidationError([{ field: 'expiresAt', message: `must be at most ${ACCREDITATION_VALIDITY_DAYS} days after the approval: accredited status (Rule 501(a)) is re-verified at least yearly` }]);
  return at;
}

/** GET /api/investor/accreditation: the caller's own submissions, newest first, without the evidence they uploaded. */
export async function ownAccreditations(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => ({
    accreditations: (await accreditationsOf(t, p.userId)).map((a) => ({
      id: a.id,
      method: a.method,
      status: a.status,
      submittedAt: a.submitted_at.toISOString(),
      verifiedAt: a.verified_at?.toISOString() ?? null,
      expiresAt: a.expires_at?.toISOString() ?? null,
      decisionReason: a.decision_reason,
    })),
  }));
}

/** GET /api/compliance/accreditations?status=pending */
export async function listForReview(tenant: TenantContext, reviewer: Principal, q: { status: 'pending' | 'approved' | 'rejected'; limit: number }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const rows = await listAccreditations(t, q.status, q.limit);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'compliance.accreditations_listed', metadata: { status: q.status, count: rows.length } }, meta);
    return { accreditations: rows.map((r) => ({ ...accreditationView(r), investor: { userId: r.user_id, email: r.email, firstName: r.first_name, lastName: r.last_name } })) };
  });
}

/** POST /api/compliance/accreditations/[id]/decision */
export async function decide(tenant: TenantContext, reviewer: Principal, id: string, input: AccreditationDecisionInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => {
    const a = await findAccreditation(t, id, { lock: true });
    if (!a) throw new NotFound('Accreditation not found');
    const action = `compliance.accreditation_${input.decision}`;
    if (a.user_id === reviewer.userId) {
      await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action, targetType: 'accreditation_verification', targetId: id, outcome: 'denied', metadata: { why: 'self_review' } }, meta);
      throw new Forbidden('You cannot decide your own accreditation', 'self_review');
    }
    if (a.status !== 'pending') throw new Conflict('accreditation_not_pending', `The accreditation is ${a.status}; only pending ones can be decided`);
    const expiresAt = input.decision === 'approve' ? approvalExpiry(input.expiresAt, new Date()) : null;
    await decideAccreditation(t, id, { status: input.decision === 'approve' ? 'approved' : 'rejected', verifiedBy: reviewer.userId, reason: input.reason ?? null, expiresAt });
    // A reviewed approval is also the investor's 'accredited' level (raise-only), with the
    // accreditation as its evidence; an instant representation is deal-bound and grants none.
    if (input.decision === 'approve')
      await grantVerificationLevel(t, a.user_id, 'accredited', { source: 'accreditation', accreditationId: id, method: a.method, verifiedBy: reviewer.userId, expiresAt: expiresAt!.toISOString(), evidence: a.evidence });
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action, targetType: 'accreditation_verification', targetId: id, metadata: { userId: a.user_id, method: a.method, reason: input.reason ?? null } }, meta);
    return accreditationView((await findAccreditation(t, id))!);
  });
}
