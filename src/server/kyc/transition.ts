import type { TenantTx } from '../db/tenant';
import type { KycApplicationStatus } from '../db/types';
import { onKycDecision } from '../escrow/service';
import { profileStatusFor } from './ordering';
import { grantVerificationLevel } from '../auth/verification-levels';
import { revokeLevelsOf, setProfileKycStatus, updateApplicationStatus, type ApplicationRow } from './repo';

/**
 * Moves an application to a new status and keeps the investor's profile in step: the
 * profile's kyc_status follows the application; approval grants the requested level with
 * its evidence; leaving 'approved' (a provider reversed itself) revokes what it granted.
 */
export async function transitionApplication(
  t: TenantTx,
  app: ApplicationRow,
  next: KycApplicationStatus,
  opts: { reason: string | null; reviewedBy: string | null; final: boolean; lastEventAt: Date | null; evidence: Record<string, unknown> },
): Promise<void> {
  await updateApplicationStatus(t, app.id, { status: next, reason: opts.reason, reviewed: opts.final, reviewedBy: opts.reviewedBy, lastEventAt: opts.lastEventAt });
  const profileStatus = profileStatusFor(next);
  if (profileStatus) await setProfileKycStatus(t, app.user_id, profileStatus);
  if (next === 'approved' && app.status !== 'approved') {
    await grantVerificationLevel(t, app.user_id, app.level_requested, {
      applicationId: app.id,
      provider: app.provider,
      externalApplicantId: app.external_applicant_id,
      ...opts.evidence,
    });
  }
  if (app.status === 'approved' && next !== 'approved') await revokeLevelsOf(t, app.user_id, app.id);
  // Escrowed investments follow the final decision (released after screening, or refunded).
  if ((next === 'approved' || next === 'rejected') && app.status !== next) await onKycDecision(t, app.user_id, next);
}
