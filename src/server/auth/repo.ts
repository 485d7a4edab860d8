import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { CodePurpose, Role, User, VerificationLevel } from '../db/types';
import { uuidv7 } from '../ids';

// ---------------------------------------------------------------- users and roles

export async function findUserByEmail(t: TenantTx, email: string): Promise<User | undefined> {
  return t.tx.selectFrom('users').selectAll().where('tenant_id', '=', t.tenantId).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(t: TenantTx, id: string): Promise<User | undefined> {
  return t.tx.selectFrom('users').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

/** Inserts the user, its profile and its first role; false when the email is taken in this tenant. */
export async function insertUser(
  t: TenantTx,
  u: { id: string; email: string; passwordHash: string; firstName: string; lastName: string; role: Role; emailVerified?: boolean },
): Promise<boolean> {
  const inserted = await t.tx
    .insertInto('users')
    .values({
      tenant_id: t.tenantId,
      id: u.id,
      email: u.email,
      password_hash: u.passwordHash,
      first_name: u.firstName,
      last_name: u.lastName,
      email_verified_at: u.emailVerified ? new Date() : null,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await t.tx
    .insertInto('profiles')
    .values({ tenant_id: t.tenantId, user_id: u.id, display_name: `${u.firstName} ${u.lastName}`.trim(), verification_level: u.emailVerified ? 'basic' : 'none' })
    .execute();
  await t.tx.insertInto('tenant_user_roles').values({ tenant_id: t.tenantId, user_id: u.id, role: u.role, granted_by: null }).execute();
  return true;
}

export async function listRoles(t: TenantTx, userId: string): Promise<Role[]> {
  const rows = await t.tx.selectFrom('tenant_user_roles').select('role').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export async function grantRole(t: TenantTx, userId: string, role: Role, grantedBy: string | null): Promise<void> {
  await t.tx
    .insertInto('tenant_user_roles')
    .values({ tenant_id: t.tenantId, user_id: userId, role, granted_by: grantedBy })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function revokeRole(t: TenantTx, userId: string, role: Role): Promise<number> {
  const r = await t.tx
    .deleteFrom('tenant_user_roles')
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function updatePasswordHash(t: TenantTx, userId: string, hash: string, changed: boolean): Promise<void> {
  await t.tx
    .updateTable('users')
    .set(changed ? { password_hash: hash, password_changed_at: new Date(), updated_at: new Date() } : { password_hash: hash })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', userId)
    .execute();
}

export async function markEmailVerified(t: TenantTx, userId: string): Promise<void> {
  await t.tx
    .updateTable('users')
    .set({ email_verified_at: new Date(), updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
}

export async function setMfa(t: TenantTx, userId: string, patch: { secret: string | null; enabled: boolean; lastStep?: number | null }): Promise<void> {
  await t.tx
    .updateTable('users')
    .set({
      mfa_secret: patch.secret,
      mfa_enabled_at: patch.enabled ? new Date() : null,
      ...(patch.lastStep === undefined ? {} : { mfa_last_step: patch.lastStep }),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', userId)
    .execute();
}

/** Records the TOTP step just used; false when an equal or later step was already used (replay). */
export async function advanceMfaStep(t: TenantTx, userId: string, step: number): Promise<boolean> {
  const r = await t.tx
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- verification levels

export const VERIFICATION_LEVEL_ORDER: VerificationLevel[] = ['none', 'basic', 'standard', 'enhanced', 'accredited'];

/** Records a level with its evidence and raises the profile's level to it (never lowers it). */
export async function grantVerificationLevel(t: TenantTx, userId: string, level: Exclude<VerificationLevel, 'none'>, evidence: Record<string, unknown>): Promise<void> {
  await t.tx
    .insertInto('user_verification_levels')
    .values({ tenant_id: t.tenantId, id: uuidv7(), user_id: userId, level, evidence: JSON.stringify(evidence) })
    .execute();
  await t.tx
    .updateTable('profiles')
    .set({ verification_level: level, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('verification_level', 'in', VERIFICATION_LEVEL_ORDER.slice(0, VERIFICATION_LEVEL_ORDER.indexOf(level)))
    .execute();
}

/**
 * Revokes the user's held grants that match (a level, the application that granted them, or
 * both) and sets the profile to the highest level still held, keeping 'basic' (a verified
 * email) when the profile had any level. The revoked rows stay as history (revoked_at).
 * Returns how many grants were revoked.
 */
export async function revokeVerificationLevels(t: TenantTx, userId: string, match: { level?: Exclude<VerificationLevel, 'none'>; applicationId?: string }): Promise<number> {
  let q = t.tx
    .updateTable('user_verification_levels')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (match.level) q = q.where('level', '=', match.level);
  if (match.applicationId) q = q.where(sql<boolean>`evidence->>'applicationId' = ${match.applicationId}`);
  const revoked = Number((await q.executeTakeFirst()).numUpdatedRows);
  const held = await heldVerificationLevels(t, userId);
  const profile = await t.tx.selectFrom('profiles').select('verification_level').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
  const floor: VerificationLevel = profile && profile.verification_level !== 'none' ? 'basic' : 'none';
  const best = [floor, ...held].reduce((a, b) => (VERIFICATION_LEVEL_ORDER.indexOf(b) > VERIFICATION_LEVEL_ORDER.indexOf(a) ? b : a));
  await t.tx.updateTable('profiles').set({ verification_level: best, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
  return revoked;
}

/** The levels the user holds now (grants not revoked). */
export async function heldVerificationLevels(t: TenantTx, userId: string): Promise<VerificationLevel[]> {
  const rows = await t.tx.selectFrom('user_verification_levels').select('level').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  return rows.map((r) => r.level);
}

export async function findProfile(t: TenantTx, userId: string) {
  return t.tx.selectFrom('profiles').selectAll().where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
}

export async function updateProfile(
  t: TenantTx,
  userId: string,
  patch: { display_name?: string | null; phone?: string | null; country?: string | null },
): Promise<void> {
  await t.tx.updateTable('profiles').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
}

export async function updateNames(t: TenantTx, userId: string, patch: { first_name?: string; last_name?: string }): Promise<void> {
  if (!patch.first_name && !patch.last_name) return;
  await t.tx.updateTable('users').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', userId).execute();
}

// ---------------------------------------------------------------- one-time codes

export async function insertCode(t: TenantTx, c: { userId: string; purpose: CodePurpose; codeHash: string; expiresAt: Date }): Promise<void> {
  // A new code replaces any earlier unused one of the same purpose.
  await t.tx
    .updateTable('verification_codes')
    .set({ consumed_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', c.userId)
    .where('purpose', '=', c.purpose)
    .where('consumed_at', 'is', null)
    .execute();
  await t.tx
    .insertInto('verification_codes')
    .values({ tenant_id: t.tenantId, id: uuidv7(), user_id: c.userId, purpose: c.purpose, code_hash: c.codeHash, expires_at: c.expiresAt })
    .execute();
}

/** The live code of this purpose, locked for the attempt that is checking it. */
export async function findLiveCode(t: TenantTx, userId: string, purpose: CodePurpose) {
  return t.tx
    .selectFrom('verification_codes')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function countCodeAttempt(t: TenantTx, codeId: string, consume: boolean): Promise<void> {
  await t.tx
    .updateTable('verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), consumed_at: consume ? new Date() : null }))
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', codeId)
    .execute();
}

// ---------------------------------------------------------------- recovery codes

export async function replaceRecoveryCodes(t: TenantTx, userId: string, hashes: string[]): Promise<void> {
  await t.tx.deleteFrom('mfa_recovery_codes').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
  if (hashes.length === 0) return;
  await t.tx
    .insertInto('mfa_recovery_codes')
    .values(hashes.map((h) => ({ tenant_id: t.tenantId, id: uuidv7(), user_id: userId, code_hash: h })))
    .execute();
}

/** Spends a recovery code once; false when it is unknown or already used. */
export async function useRecoveryCode(t: TenantTx, userId: string, hash: string): Promise<boolean> {
  const r = await t.tx
    .updateTable('mfa_recovery_codes')
    .set({ used_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- sessions and refresh tokens

export async function insertSession(
  t: TenantTx,
  s: { id: string; userId: string; ip: string | null; userAgent: string | null; expiresAt: Date; mfaPending: boolean; tokenHash: string },
): Promise<void> {
  await t.tx
    .insertInto('sessions')
    .values({ tenant_id: t.tenantId, id: s.id, user_id: s.userId, ip: s.ip, user_agent: s.userAgent, expires_at: s.expiresAt, mfa_pending: s.mfaPending })
    .execute();
  await insertRefreshToken(t, s.id, s.tokenHash);
}

export async function insertRefreshToken(t: TenantTx, sessionId: string, tokenHash: string): Promise<void> {
  await t.tx.insertInto('refresh_tokens').values({ tenant_id: t.tenantId, id: uuidv7(), session_id: sessionId, token_hash: tokenHash }).execute();
}

/** The refresh token row and its session, the token locked so two refreshes cannot both use it. */
export async function findRefreshToken(t: TenantTx, tokenHash: string) {
  return t.tx
    .selectFrom('refresh_tokens as rt')
    .innerJoin('sessions as s', (j) => j.onRef('s.tenant_id', '=', 'rt.tenant_id').onRef('s.id', '=', 'rt.session_id'))
    .select(['rt.id as token_id', 'rt.used_at', 'rt.issued_at', 's.id as session_id', 's.user_id', 's.revoked_at', 's.expires_at', 's.mfa_pending', 's.created_at'])
    .where('rt.tenant_id', '=', t.tenantId)
    .where('rt.token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Which of these token hashes the session holds, and whether it was used. */
export async function findSessionRefreshToken(t: TenantTx, sessionId: string, tokenHashes: string[]) {
  return t.tx
    .selectFrom('refresh_tokens')
    .select(['id', 'token_hash', 'used_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('session_id', '=', sessionId)
    .where('token_hash', 'in', tokenHashes)
    .executeTakeFirst();
}

export async function markRefreshTokenUsed(t: TenantTx, tokenId: string): Promise<void> {
  await t.tx.updateTable('refresh_tokens').set({ used_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', tokenId).execute();
}

export async function touchSession(t: TenantTx, sessionId: string, patch: { mfaPending?: boolean; expiresAt?: Date } = {}): Promise<void> {
  await t.tx
    .updateTable('sessions')
    .set({
      last_used_at: new Date(),
      ...(patch.mfaPending === undefined ? {} : { mfa_pending: patch.mfaPending }),
      ...(patch.expiresAt ? { expires_at: patch.expiresAt } : {}),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', sessionId)
    .execute();
}

export async function revokeSession(t: TenantTx, sessionId: string, reason: string, userId?: string): Promise<number> {
  let q = t.tx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null);
  if (userId) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function revokeAllSessions(t: TenantTx, userId: string, reason: string, exceptSessionId?: string): Promise<number> {
  let q = t.tx
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function listActiveSessions(t: TenantTx, userId: string) {
  return t.tx
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_used_at', 'expires_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('mfa_pending', '=', false)
    .where('expires_at', '>', new Date())
    .orderBy('last_used_at', 'desc')
    .execute();
}

/** Whether this address had a signed-in session for the user lately (a known device). */
export async function isKnownAddress(t: TenantTx, userId: string, ip: string, sinceDays: number): Promise<boolean> {
  const row = await t.tx
    .selectFrom('sessions')
    .select(sql<number>`1`.as('one'))
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('mfa_pending', '=', false)
    .where('created_at', '>', new Date(Date.now() - sinceDays * 86_400_000))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Everything requests need about their callers, for several sessions of one tenant in one round trip (auth/principal.ts). */
export async function loadPrincipals(t: TenantTx, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return t.tx
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select([
      's.id as session_id',
      'u.id',
      'u.email',
      'u.status',
      'u.first_name',
      'u.last_name',
      'u.email_verified_at',
      'u.mfa_enabled_at',
      's.revoked_at',
      's.expires_at',
      's.mfa_pending',
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from tenant_user_roles r where r.tenant_id = s.tenant_id and r.user_id = s.user_id), '{}')`.as('roles'),
    ])
    .where('s.tenant_id', '=', t.tenantId)
    .where('s.id', 'in', sessionIds)
    .execute();
}
