import { audit } from '../audit/service';
import { grantVerificationLevel, heldVerificationLevels, revokeVerificationLevels } from '../auth/verification-levels';
import type { TenantTx } from '../db/tenant';
import { screeningHitCounts } from '../screening/service';
import { assessEnhanced, type CheckEvidence, type EnhancedAssessment } from './enhanced-evidence';
import { approvedApplicationsOf, listChecks, type CheckRow } from './repo';

const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

export const checkEvidenceOf = (c: CheckRow): CheckEvidence => ({
  applicationId: c.application_id,
  documentId: c.document_id,
  kind: c.check_kind,
  outcome: c.outcome,
  issuedOn: c.issued_on,
  source: c.source,
  reviewedBy: c.reviewed_by,
  at: c.created_at.toISOString(),
});

export type EnhancedOutcome = EnhancedAssessment & { held: boolean; granted: boolean };

/**
 * Re-derives 'enhanced' from the evidence on file and grants it (with that evidence) when it
 * is newly met. Called whenever the evidence can change: an application approved, a
 * screening hit cleared. Never lowers a level: see onScreeningHitDecided for that.
 */
export async function reassessEnhancedLevel(t: TenantTx, userId: string, cause: { applicationId?: string; hitId?: string }, now = new Date()): Promise<EnhancedOutcome> {
  const [approvedApplications, screening, held] = await Promise.all([approvedApplicationsOf(t, userId), screeningHitCounts(t, userId), heldVerificationLevels(t, userId)]);
  // Only checks of approved applications count, newest first.
  const checks = (await listChecks(t, approvedApplications.map((a) => a.id))).reverse();
  const a = assessEnhanced({ checks: checks.map(checkEvidenceOf), approvedApplications, screening, now });
  const alreadyHeld = held.includes('enhanced');
  if (!a.eligible || alreadyHeld) return { ...a, held: alreadyHeld, granted: false };
  // applicationId: the application whose approval completed the evidence, so reversing that
  // approval revokes this grant too (kyc/transition.ts).
  const applicationId = cause.applicationId ?? a.evidence.liveness?.applicationId ?? a.evidence.proofOfAddress?.applicationId;
  await grantVerificationLevel(t, userId, 'enhanced', { source: 'kyc_checks', applicationId, cause, ...a.evidence });
  await audit(t, { actorId: t.userId, action: 'kyc.level_granted', targetType: 'user', targetId: userId, metadata: { level: 'enhanced', cause } }, NO_REQUEST);
  return { ...a, held: true, granted: true };
}

/**
 * A reviewer decided a screening hit about this person. Confirmed: a sanctions or PEP match
 * is real, so 'enhanced' is revoked (the grant keeps its history with revoked_at) and is not
 * given back by later evidence while the confirmed hit stands. Cleared: the level follows the
 * evidence again (granted if it is now met). While a hit is merely open, the level stays on
 * record but counts as 'standard' wherever a level is required (compliance effectiveLevel).
 */
export async function onScreeningHitDecided(t: TenantTx, userId: string, hitId: string, status: 'cleared' | 'confirmed'): Promise<{ revoked: number } | { granted: boolean }> {
  if (status === 'confirmed') {
    const revoked = await revokeVerificationLevels(t, userId, { level: 'enhanced' });
    if (revoked > 0) await audit(t, { actorId: t.userId, action: 'kyc.level_revoked', targetType: 'user', targetId: userId, metadata: { level: 'enhanced', why: 'screening_hit_confirmed', hitId } }, NO_REQUEST);
    return { revoked };
  }
  const r = await reassessEnhancedLevel(t, userId, { hitId });
  return { granted: r.granted };
}
