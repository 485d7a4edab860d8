import { audit, type RequestMeta } from '../audit/service';
import { withTenant } from '../db/tenant';
import { NotFound, Unauthorized } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { refuseWeakPassword } from './password-policy';
import { hashPassword, verifyPassword } from './password';
import type { Principal } from './principal';
import { findProfile, findUserById, revokeAllSessions, updateNames, updatePasswordHash, updateProfile } from './repo';
import type { z } from 'zod';
import type { profilePatchInput } from './schema';

export type ProfileView = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  roles: string[];
  emailVerified: boolean;
  mfaEnabled: boolean;
  verificationLevel: string;
  kycStatus: string;
  displayName: string | null;
  phone: string | null;
  country: string | null;
  walletAddress: string | null;
  tenant: { id: string; name: string; slug: string };
};

export async function getProfile(tenant: TenantContext, p: Principal): Promise<ProfileView> {
  const profile = await withTenant(tenant.id, { userId: p.userId }, (t) => findProfile(t, p.userId));
  if (!profile) throw new NotFound('Profile not found');
  return {
    id: p.userId,
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    role: p.role,
    roles: p.roles,
    emailVerified: p.emailVerified,
    mfaEnabled: p.mfaEnabled,
    verificationLevel: profile.verification_level,
    kycStatus: profile.kyc_status,
    displayName: profile.display_name,
    phone: profile.phone,
    country: profile.country,
    walletAddress: profile.wallet_address,
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
  };
}

export async function updateOwnProfile(
  tenant: TenantContext,
  p: Principal,
  patch: z.infer<typeof profilePatchInput>,
  meta: RequestMeta,
): Promise<ProfileView> {
  await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await updateNames(t, p.userId, { first_name: patch.firstName, last_name: patch.lastName });
    const profilePatch = Object.fromEntries(
      Object.entries({ display_name: patch.displayName, phone: patch.phone, country: patch.country }).filter(([, v]) => v !== undefined),
    );
    if (Object.keys(profilePatch).length) await updateProfile(t, p.userId, profilePatch);
    await audit(t, { actorId: p.userId, action: 'profile.updated', targetType: 'user', targetId: p.userId, metadata: { fields: Object.keys(patch) } }, meta);
  });
  const fresh = { ...p, firstName: patch.firstName ?? p.firstName, lastName: patch.lastName ?? p.lastName };
  return getProfile(tenant, fresh);
}

/** Changing the password keeps this session and signs every other one out. */
export async function changePassword(
  tenant: TenantContext,
  p: Principal,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<{ success: true }> {
  await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const user = await findUserById(t, p.userId);
    if (!user) throw new NotFound('User not found');
    if (!(await verifyPassword(user.password_hash, input.currentPassword)).ok) throw new Unauthorized('The current password is incorrect', 'invalid_credentials');
    refuseWeakPassword(input.newPassword, { email: user.email, firstName: user.first_name, lastName: user.last_name }, 'newPassword');
    await updatePasswordHash(t, p.userId, await hashPassword(input.newPassword), true);
    await revokeAllSessions(t, p.userId, 'password_changed', p.sessionId);
    await audit(t, { actorId: p.userId, action: 'auth.password_changed', targetType: 'user', targetId: p.userId }, meta);
  });
  return { success: true };
}
