import type { TenantTx } from '../db/tenant';
import type { KycApplicationStatus } from '../db/types';
import { onKycDecision } from '../escrow/service';
import { grantVerificationLevel, revokeVerificationLevels } from '../auth/verification-levels';
import { notify } from '../notifications/notify';
import { reassessEnhancedLevel, type EnhancedOutcome } from './enhanced';
import { profileStatusFor } from './ordering';
import { approvedApplicationsOf, setProfileKycStatus, updateApplicationStatus, type ApplicationRow } from './repo';

/**
 * An application that adds evidence on top of an identity another application already
 * verified (an 'enhanced' request by a verified investor). It never moves the profile's
 * KYC status or escrow: a rejected selfie does not un-verify an identity.
 */
async function isUpgrade(t: TenantTx, app: ApplicationRow): Promise<boolean> {
  if (app.level_requested !== 'enhanced') return false;
  return (await approvedApplicationsOf(t, app.user_id)).some((a) => a.id !== app.id);
}

/** Decisions the investor hears about (approved, rejected, or asked to act again). */
const DECIDED = {
  approved: { title: 'Your verification is approved', body: 'Your identity is verified. You can invest in the deals open to you.' },
  rejected: { title: 'Your verification was not approved', body: 'Your verification was not approved.' },
  retry: { title: 'Your verification needs your action', body: 'We need more from you to finish your verification. Open the verification page to continue.' },
} as const;

function kycDecidedNotice(app: ApplicationRow, next: keyof typeof DECIDED, reason: string | null) {
  const text = DECIDED[next];
  return {
    type: 'kyc.decided' as const,
    userId: app.user_id,
    title: text.title,
    body: reason && next !== 'approved' ? `${text.body} Reason: ${reason}` : text.body,
    link: '/verification',
    dedupeKey: `kyc.decided:${app.id}:${next}`,
    data: { applicationId: app.id, status: next, reason: next === 'approved' ? null : reason },
  };
}

/**
 * Moves an application to a new status and keeps the investor's profile in step: the
 * profile's kyc_status follows the application; approval grants 'standard' (identity) with
 * its evidence and re-derives 'enhanced' from the checks on file; leaving 'approved' (a
 * provider reversed itself) revokes what it granted.
 */
export async function transitionApplication(
  t: TenantTx,
  app: ApplicationRow,
  next: KycApplicationStatus,
  opts: { reason: string | null; reviewedBy: string | null; final: boolean; lastEventAt: Date | null; evidence: Record<string, unknown> },
): Promise<{ enhanced: EnhancedOutcome | null }> {
  await updateApplicationStatus(t, app.id, { status: next, reason: opts.reason, reviewed: opts.final, reviewedBy: opts.reviewedBy, lastEventAt: opts.lastEventAt });
  const upgrade = next !== app.status && (await isUpgrade(t, app));
  const profileStatus = profileStatusFor(next);
  if (profileStatus && !upgrade) await setProfileKycStatus(t, app.user_id, profileStatus);
  let enhanced: EnhancedOutcome | null = null;
  if (next === 'approved' && app.status !== 'approved') {
    if (!upgrade)
      await grantVerificationLevel(t, app.user_id, 'standard', {
        applicationId: app.id,
        provider: app.provider,
        externalApplicantId: app.external_applicant_id,
        ...opts.evidence,
      });
    enhanced = await reassessEnhancedLevel(t, app.user_id, { applicationId: app.id });
  }
  if (app.status === 'approved' && next !== 'approved') await revokeVerificationLevels(t, app.user_id, { applicationId: app.id });
  if (next !== app.status && next in DECIDED) await notify(t, kycDecidedNotice(app, next as keyof typeof DECIDED, opts.reason));
  // Escrowed investments follow the final decision (released after screening, or refunded).
  if ((next === 'approved' || next === 'rejected') && app.status !== next && !upgrade) await onKycDecision(t, app.user_id, next);
  return { enhanced };
}
