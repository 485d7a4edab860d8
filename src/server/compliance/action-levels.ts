import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';
import { AppError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { screeningHitCounts } from '../screening/service';
import { accreditationOf, declarationFacts, levelApartFromAccreditation } from './investor-facts';
import { policySettingsOf } from './policy';
import { approvedAccreditations, declarationsOf, heldLevelsBelowAccredited, profilesOf } from './repo';
import { effectiveLevel, meetsLevel } from './rules/verification-level';

// The tenant's verification level per action outside an investment (which the engine checks
// as the tenant_verification_level rule): browsing deals, and P2P trades.

export type GatedAction = 'browse' | 'trade';

/**
 * The caller's level is below what the tenant requires for the action. 403 for a signed-in
 * user, 401 for a visitor (signing in is the first step); the same code either way, with the
 * level needed and the caller's.
 */
export class VerificationLevelRequired extends AppError {
  constructor(action: GatedAction, required: VerificationLevel, current: VerificationLevel, signedIn: boolean) {
    const what = action === 'browse' ? 'Viewing deals' : 'Trading';
    super(signedIn ? 403 : 401, 'verification_level_required', `${what} needs verification level ${required}; ${signedIn ? `yours is ${current}` : 'sign in and verify first'}`, { action, requiredLevel: required, currentLevel: current });
  }
}

/** Staff see the deals they manage whatever the tenant asks of investors. */
const BROWSE_EXEMPT = ['tenant_admin', 'compliance_officer', 'issuer'] as const;

/** The caller's level as every requirement reads it (accreditation, screening hits). */
export async function effectiveLevelOf(t: TenantTx, userId: string, now: Date): Promise<VerificationLevel> {
  const [[profile], accreditations, hits, held, [d]] = await Promise.all([
    profilesOf(t, [userId]),
    approvedAccreditations(t, [userId]),
    screeningHitCounts(t, userId),
    heldLevelsBelowAccredited(t, [userId]),
    declarationsOf(t, [userId]),
  ]);
  return effectiveLevel(
    {
      verificationLevel: levelApartFromAccreditation((profile?.verification_level ?? 'none') as VerificationLevel, held.map((h) => h.level)),
      accreditations: accreditations.map(accreditationOf),
      declaration: d ? declarationFacts(d) : null,
      screening: { openHits: hits.open, confirmedHits: hits.confirmed },
    },
    now,
  );
}

/**
 * Throws VerificationLevelRequired unless the caller meets the tenant's level for the action.
 * With the default ('none') it reads nothing from the database.
 */
export async function requireVerificationLevelFor(tenant: Pick<TenantContext, 'id' | 'settings'>, p: Principal | null, action: GatedAction, now = new Date()): Promise<void> {
  const required = policySettingsOf(tenant).verificationLevels[action];
  if (required === 'none') return;
  if (action === 'browse' && p && hasRole(p, BROWSE_EXEMPT)) return;
  if (!p) throw new VerificationLevelRequired(action, required, 'none', false);
  const level = await withTenant(tenant.id, { userId: p.userId }, (t) => effectiveLevelOf(t, p.userId, now));
  if (!meetsLevel(level, required)) throw new VerificationLevelRequired(action, required, level, true);
}
