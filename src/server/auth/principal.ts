import { errors } from 'jose';
import type { Role } from '../db/types';
import { groupCommit } from '../batching/group-commit';
import { withTenant } from '../db/tenant';
import { InvalidTokenError, verifyAccessToken } from './jwt';
import { keyRing } from './keys';
import { loadPrincipals } from './repo';

export type Principal = {
  userId: string;
  sessionId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  role: Role;
  emailVerified: boolean;
  mfaEnabled: boolean;
};

const ROLE_PRECEDENCE: Role[] = ['tenant_admin', 'compliance_officer', 'transfer_agent', 'broker', 'issuer', 'investor'];

/** The role shown as `user.role`: the most privileged one the user holds. */
export function primaryRole(roles: Role[]): Role {
  return ROLE_PRECEDENCE.find((r) => roles.includes(r)) ?? 'investor';
}

type PrincipalRow = Awaited<ReturnType<typeof loadPrincipals>>[number];

/**
 * Session lookups of one tenant that arrive together share one read (group commit): under load
 * a request still sees its session as it is in the database at that moment, so logout and
 * revocation stay immediate, at the cost of one transaction per group instead of per request.
 */
const sessionLookup = groupCommit<{ sessionId: string; userId: string }, PrincipalRow | null>({
  maxGroup: 200,
  run: async (tenantId, asks) => {
    const rows = await withTenant(tenantId, null, (t) => loadPrincipals(t, [...new Set(asks.map((a) => a.sessionId))]));
    const bySession = new Map(rows.map((r) => [r.session_id, r]));
    return asks.map((a) => {
      const row = bySession.get(a.sessionId);
      // The session must belong to the user the token names.
      return { ok: true, value: row && row.id === a.userId ? row : null };
    });
  },
});

export type AuthFailure = 'missing' | 'expired' | 'invalid' | 'revoked' | 'other_tenant';

/**
 * The caller behind an access token on this tenant's host: signature, type, audience and
 * expiry first (jwt.ts), then the session must still be live and the user active, so logout
 * and revocation take effect at once rather than when the token expires.
 */
export async function authenticate(tenantId: string, token: string): Promise<Principal | AuthFailure> {
  let claims;
  try {
    claims = await verifyAccessToken(keyRing(), token, { tenantId });
  } catch (e) {
    if (!(e instanceof InvalidTokenError)) throw e;
    // jose checks claims only after the signature: a valid token that names another tenant.
    if (e.cause instanceof errors.JWTClaimValidationFailed && e.cause.claim === 'aud') return 'other_tenant';
    return e.reason;
  }
  const row = await sessionLookup(tenantId, { sessionId: claims.sessionId, userId: claims.userId });
  if (!row || row.revoked_at || row.expires_at <= new Date() || row.mfa_pending || row.status !== 'active') return 'revoked';
  return {
    userId: row.id,
    sessionId: claims.sessionId,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    roles: row.roles,
    role: primaryRole(row.roles),
    emailVerified: row.email_verified_at !== null,
    mfaEnabled: row.mfa_enabled_at !== null,
  };
}
