import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';
import { AppError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { accreditationOf, declarationFacts, levelApartFromAccreditation } from './investor-facts';
import { policySettingsOf } from './policy';
import { levelFactsOf } from './repo';
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

/** The caller's level as every requirement reads it (accreditation, screening hits), from one statement. */
export async function effectiveLevelOf(t: TenantTx, userId: string, now: Date): Promise<VerificationLevel> {
  const f = await levelFactsOf(t, userId);
  return effectiveLevel(
    {
      verificationLevel: levelApartFromAccreditation(f.verification_level ?? 'none', f.held),
      accreditations: f.accreditations.map(accreditationOf),
      declaration: f.declaration ? declarationFacts(f.declaration) : null,
      screening: { openHits: f.open_hits, confirmedHits: f.confirmed_hits },
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
