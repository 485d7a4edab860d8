import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { grantVerificationLevel } from '../auth/verification-levels';
import { withTenant } from '../db/tenant';
import { Conflict, Forbidden, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { accreditationsOf, decideAccreditation, findAccreditation, insertAccreditation, listAccreditations, type AccreditationRow } from './repo';
import type { AccreditationDecisionInput, AccreditationInput } from './schema';

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

/**
 * POST /api/investor/accreditation. Documents and letters wait for a compliance officer.
 * A minimum-investment representation is recorded as approved at once: under the SEC staff
 * position (March 2025) the issuer may rely on it, and the 506(c) rule still checks that the
 * investment itself reaches the minimum.
 */
export async function submitAccreditation(tenant: TenantContext, p: Principal, input: AccreditationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { method, ...evidence } = input;
    const representation = method === 'minimum_investment_representation';
    const row = await insertAccreditation(t, { userId: p.userId, method, evidence, approvedAt: representation ? new Date() : undefined });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.accreditation_submitted', targetType: 'accreditation_verification', targetId: row.id, metadata: { method, status: row.status } }, meta);
    return accreditationView(row);
  });
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
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    await decideAccreditation(t, id, { status: input.decision === 'approve' ? 'approved' : 'rejected', verifiedBy: reviewer.userId, reason: input.reason ?? null, expiresAt });
    // A reviewed approval is also the investor's 'accredited' level (raise-only), with the
    // accreditation as its evidence; an instant representation is deal-bound and grants none.
    if (input.decision === 'approve')
      await grantVerificationLevel(t, a.user_id, 'accredited', { source: 'accreditation', accreditationId: id, method: a.method, verifiedBy: reviewer.userId, expiresAt: expiresAt?.toISOString() ?? null, evidence: a.evidence });
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action, targetType: 'accreditation_verification', targetId: id, metadata: { userId: a.user_id, method: a.method, reason: input.reason ?? null } }, meta);
    return accreditationView((await findAccreditation(t, id))!);
  });
}
