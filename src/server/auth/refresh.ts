import { audit, type RequestMeta } from '../audit/service';
import { withTenant } from '../db/tenant';
import { Unauthorized } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { primaryRole } from './principal';
import { findRefreshToken, findUserById, listRoles, markRefreshTokenUsed, revokeSession, touchSession } from './repo';
import { hashToken } from './secret-token';
import { rotateSession, type IssuedTokens } from './session-tokens';

/**
 * Rotating refresh: each token works once. A token presented again after it was rotated
 * means it leaked, so the whole session (its family) is revoked and the caller must log in.
 */
export async function refreshSession(tenant: TenantContext, refreshToken: string, meta: RequestMeta): Promise<IssuedTokens> {
  const outcome = await withTenant(tenant.id, null, async (t) => {
    const row = await findRefreshToken(t, hashToken(refreshToken));
    if (!row || row.mfa_pending) return { error: 'invalid' as const };
    if (row.revoked_at || row.expires_at <= new Date()) return { error: 'invalid' as const };
    if (row.used_at) {
      await revokeSession(t, row.session_id, 'refresh_token_reuse');
      await audit(t, { actorId: row.user_id, action: 'auth.refresh_token_reuse', outcome: 'denied', targetType: 'session', targetId: row.session_id }, meta);
      return { error: 'reuse' as const };
    }
    const user = await findUserById(t, row.user_id);
    if (!user || user.status !== 'active') return { error: 'invalid' as const };
    await markRefreshTokenUsed(t, row.token_id);
    await touchSession(t, row.session_id);
    const role = primaryRole(await listRoles(t, user.id));
    return { tokens: await rotateSession(t, { id: user.id, role }, row.session_id, row.expires_at) };
  });
  if ('error' in outcome) {
    throw new Unauthorized(
      outcome.error === 'reuse' ? 'This refresh token was already used; the session has been closed for safety. Log in again.' : 'The session has expired; log in again',
      outcome.error === 'reuse' ? 'refresh_token_reused' : 'invalid_refresh_token',
    );
  }
  return outcome.tokens;
}
