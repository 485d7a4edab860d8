import { audit, type RequestMeta } from '../audit/service';
import { withTenant, type TenantTx } from '../db/tenant';
import { Unauthorized } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { primaryRole } from './principal';
import { findRefreshToken, findSessionRefreshToken, findUserById, listRoles, markRefreshTokenUsed, revokeSession, touchSession } from './repo';
import { hashToken } from './secret-token';
import { reissueSession, rotateSession, successorCandidates, type IssuedTokens } from './session-tokens';

/**
 * How long a refresh may be retried with the same token. A browser that lost the answer (a navigation
 * aborted the request, two tabs refreshed at once) presents the old token again: within this window,
 * and while its successor is still unused, it gets that same successor back (never a second line).
 */
export const REFRESH_RETRY_GRACE_MS = 30_000;

/**
 * Rotating refresh: each token works once. A token presented again after it was rotated
 * means it leaked, so the whole session (its family) is revoked and the caller must log in,
 * except for the retry described above.
 */
export async function refreshSession(tenant: TenantContext, refreshToken: string, meta: RequestMeta): Promise<IssuedTokens> {
  const outcome = await withTenant(tenant.id, null, async (t) => {
    const row = await findRefreshToken(t, hashToken(refreshToken));
    if (!row || row.mfa_pending) return { error: 'invalid' as const };
    if (row.revoked_at || row.expires_at <= new Date()) return { error: 'invalid' as const };
    if (row.used_at) {
      const retried = await retriedRefresh(t, row, refreshToken);
      if (retried) return { tokens: retried };
      await revokeSession(t, row.session_id, 'refresh_token_reuse');
      await audit(t, { actorId: row.user_id, action: 'auth.refresh_token_reuse', outcome: 'denied', targetType: 'session', targetId: row.session_id }, meta);
      return { error: 'reuse' as const };
    }
    const user = await findUserById(t, row.user_id);
    if (!user || user.status !== 'active') return { error: 'invalid' as const };
    await markRefreshTokenUsed(t, row.token_id);
    await touchSession(t, row.session_id);
    const role = primaryRole(await listRoles(t, user.id));
    return { tokens: await rotateSession(t, { id: user.id, role }, row.session_id, row.expires_at, refreshToken) };
  });
  if ('error' in outcome) {
    throw new Unauthorized(
      outcome.error === 'reuse' ? 'This refresh token was already used; the session has been closed for safety. Log in again.' : 'The session has expired; log in again',
      outcome.error === 'reuse' ? 'refresh_token_reused' : 'invalid_refresh_token',
    );
  }
  return outcome.tokens;
}

/** The answer to a retried refresh (see REFRESH_RETRY_GRACE_MS), or null when the reuse is a replay. */
async function retriedRefresh(
  t: TenantTx,
  row: { used_at: Date | null; session_id: string; user_id: string; expires_at: Date },
  presented: string,
): Promise<IssuedTokens | null> {
  if (!row.used_at || Date.now() - row.used_at.getTime() > REFRESH_RETRY_GRACE_MS) return null;
  const candidates = successorCandidates(presented);
  const next = await findSessionRefreshToken(t, row.session_id, candidates.map(hashToken));
  if (!next || next.used_at) return null;
  const user = await findUserById(t, row.user_id);
  if (!user || user.status !== 'active') return null;
  const successor = candidates.find((c) => hashToken(c) === next.token_hash)!;
  const role = primaryRole(await listRoles(t, user.id));
  return reissueSession(t.tenantId, { id: user.id, role }, row.session_id, row.expires_at, successor);
}
