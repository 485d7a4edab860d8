import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { findUserById, grantRole, listActiveSessions, revokeAllSessions, revokeRole, revokeSession } from '../auth/repo';
import { sessionView } from '../auth/sessions';
import { withTenant } from '../db/tenant';
import type { Role } from '../db/types';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { countRoleHolders, listUsers, setUserStatus } from './repo';

// Tenant-admin user management. Every change is audited in the same transaction.

export async function listTenantUsers(tenant: TenantContext, admin: Principal, q: { search?: string; role?: Role; limit: number; offset: number }) {
  const { rows, total } = await withTenant(tenant.id, { userId: admin.userId }, (t) => listUsers(t, q));
  return {
    users: rows.map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.first_name,
      lastName: u.last_name,
      status: u.status,
      roles: u.roles,
      emailVerified: u.email_verified_at !== null,
      mfaEnabled: u.mfa_enabled_at !== null,
      verificationLevel: u.verification_level,
      kycStatus: u.kyc_status,
      createdAt: u.created_at.toISOString(),
    })),
    total,
    hasMore: q.offset + rows.length < total,
  };
}

export async function changeUserRole(tenant: TenantContext, admin: Principal, userId: string, change: { role: Role; action: 'grant' | 'revoke' }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const user = await findUserById(t, userId);
    if (!user) throw new NotFound('User not found');
    if (change.action === 'grant') await grantRole(t, userId, change.role, admin.userId);
    else {
      // A tenant must never lose its last administrator.
      if (change.role === 'tenant_admin' && (await countRoleHolders(t, 'tenant_admin')) <= 1)
        throw new Conflict('last_admin', 'This is the last tenant administrator; grant the role to someone else first');
      if (!(await revokeRole(t, userId, change.role))) throw new NotFound(`The user does not have the role ${change.role}`);
    }
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: `user.role_${change.action}`, targetType: 'user', targetId: userId, metadata: { role: change.role } }, meta);
    return { success: true };
  });
}

export async function changeUserStatus(tenant: TenantContext, admin: Principal, userId: string, input: { status: 'active' | 'disabled'; reason: string }, meta: RequestMeta) {
  if (userId === admin.userId) throw new Conflict('self_status_change', 'You cannot disable your own account');
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await setUserStatus(t, userId, input.status))) throw new NotFound('User not found');
    if (input.status === 'disabled') await revokeAllSessions(t, userId, 'disabled_by_admin');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: `user.${input.status === 'disabled' ? 'disable' : 'enable'}`, targetType: 'user', targetId: userId, metadata: { reason: input.reason } }, meta);
    return { success: true };
  });
}

/** A user's active sessions (device, address, started, last seen) for the tenant admin. */
export async function listUserSessions(tenant: TenantContext, admin: Principal, userId: string) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const user = await findUserById(t, userId);
    if (!user) throw new NotFound('User not found');
    const rows = await listActiveSessions(t, userId);
    return { user: { id: user.id, email: user.email, firstName: user.first_name, lastName: user.last_name }, sessions: rows.map((s) => sessionView(s, admin.sessionId)) };
  });
}

/** Ends one of a user's sessions (sessionId) or all of them; audited with how many ended. */
export async function revokeUserSessions(tenant: TenantContext, admin: Principal, userId: string, sessionId: string | null, meta: RequestMeta): Promise<{ success: true; revoked: number }> {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await findUserById(t, userId))) throw new NotFound('User not found');
    const revoked = sessionId ? await revokeSession(t, sessionId, 'revoked_by_admin', userId) : await revokeAllSessions(t, userId, 'revoked_by_admin');
    if (sessionId && !revoked) throw new NotFound('Session not found (or already ended)');
    await audit(
      t,
      { actorId: admin.userId, actorRole: admin.role, action: sessionId ? 'user.session_revoked' : 'user.sessions_revoked', targetType: 'user', targetId: userId, metadata: { revoked, ...(sessionId ? { sessionId } : {}) } },
      meta,
    );
    return { success: true, revoked };
  });
}
