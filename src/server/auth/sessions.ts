import { audit, type RequestMeta } from '../audit/service';
import { withTenant } from '../db/tenant';
import { NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import type { Principal } from './principal';
import { listActiveSessions, revokeAllSessions, revokeSession } from './repo';

export async function logout(tenant: TenantContext, p: Principal, meta: RequestMeta): Promise<{ success: true }> {
  await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await revokeSession(t, p.sessionId, 'logout', p.userId);
    await audit(t, { actorId: p.userId, action: 'auth.logout', targetType: 'session', targetId: p.sessionId }, meta);
  });
  return { success: true };
}

export async function logoutAll(tenant: TenantContext, p: Principal, meta: RequestMeta): Promise<{ success: true; revoked: number }> {
  const revoked = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const n = await revokeAllSessions(t, p.userId, 'logout_all');
    await audit(t, { actorId: p.userId, action: 'auth.logout_all', targetType: 'user', targetId: p.userId, metadata: { revoked: n } }, meta);
    return n;
  });
  return { success: true, revoked };
}

type SessionRow = Awaited<ReturnType<typeof listActiveSessions>>[number];

/** A signed-in session as the API shows it; `current` when it is the caller's own. */
export function sessionView(s: SessionRow, callerSessionId: string) {
  return {
    id: s.id,
    current: s.id === callerSessionId,
    ip: s.ip,
    userAgent: s.user_agent,
    createdAt: s.created_at.toISOString(),
    lastUsedAt: s.last_used_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
  };
}

export async function listSessions(tenant: TenantContext, p: Principal) {
  const rows = await withTenant(tenant.id, { userId: p.userId }, (t) => listActiveSessions(t, p.userId));
  return { sessions: rows.map((s) => sessionView(s, p.sessionId)) };
}

export async function revokeOwnSession(tenant: TenantContext, p: Principal, sessionId: string, meta: RequestMeta): Promise<{ success: true }> {
  const n = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const count = await revokeSession(t, sessionId, 'revoked_by_user', p.userId);
    if (count) await audit(t, { actorId: p.userId, action: 'auth.session_revoked', targetType: 'session', targetId: sessionId }, meta);
    return count;
  });
  if (!n) throw new NotFound('Session not found');
  return { success: true };
}
