import { audit, type RequestMeta } from '../audit/service';
import { withTenant, type TenantTx } from '../db/tenant';
import type { User } from '../db/types';
import { BadRequest, Conflict, RateLimited, Unauthorized } from '../errors';
import { getConfig } from '../config';
import { consume, remaining, reset, spend, type LimitSpec } from '../ratelimit/limiter';
import { MFA_FAILURES_PER_ACCOUNT } from '../ratelimit/policy';
import { notify } from '../notifications/notify';
import type { TenantContext } from '../tenancy/resolve';
import { primaryRole, type Principal } from './principal';
import { generateRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';
import {
  advanceMfaStep,
  findRefreshToken,
  findUserById,
  listRoles,
  markRefreshTokenUsed,
  replaceRecoveryCodes,
  revokeSession as revokeSessionRow,
  setMfa,
  touchSession,
  useRecoveryCode,
} from './repo';
import { hashToken } from './secret-token';
import { rotateSession, type IssuedTokens } from './session-tokens';
import { generateTotpSecret, totpKeyUri, verifyTotp } from './totp';

/** A TOTP code (replay-safe: each time step works once) or an unused recovery code. */
async function checkSecondFactor(t: TenantTx, user: User, code: string, allowRecovery: boolean): Promise<'totp' | 'recovery' | null> {
  if (!user.mfa_secret) return null;
  const digits = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(digits)) {
    const r = verifyTotp(user.mfa_secret, digits, { lastUsedStep: user.mfa_last_step === null ? null : Number(user.mfa_last_step) });
    if (r.ok && r.step !== null && (await advanceMfaStep(t, user.id, r.step))) return 'totp';
    return null;
  }
  if (!allowRecovery) return null;
  const normalized = normalizeRecoveryCode(code);
  if (normalized && (await useRecoveryCode(t, user.id, hashToken(normalized)))) return 'recovery';
  return null;
}

const CHALLENGE_FAILURES: LimitSpec = { name: 'mfa-challenge', points: 5, durationSeconds: 10 * 60 };

async function tooManyChallengeFailures(sessionId: string): Promise<boolean> {
  try {
    await consume(CHALLENGE_FAILURES, sessionId);
    return false;
  } catch {
    return true;
  }
}

async function closePendingSession(t: TenantTx, sessionId: string): Promise<void> {
  await revokeSessionRow(t, sessionId, 'mfa_challenge_failures');
}

const accountKey = (t: TenantTx, userId: string) => `${t.tenantId}:${userId}`;

/**
 * Second-factor guesses counted per account across every sign-in, so a new password login
 * does not buy new guesses. Once they run out, every code (right or wrong) gets the same
 * answer until the window ends, and the user is told by email.
 */
async function secondFactorLocked(t: TenantTx, userId: string): Promise<{ retryAfterSeconds: number } | null> {
  const r = await remaining(MFA_FAILURES_PER_ACCOUNT, accountKey(t, userId));
  return r.left <= 0 ? { retryAfterSeconds: r.retryAfterSeconds } : null;
}

/** Counts a wrong code; the one that uses up the allowance queues the warning email. */
async function countSecondFactorFailure(t: TenantTx, tenant: TenantContext, user: User, meta: RequestMeta): Promise<void> {
  const { consumedPoints } = await spend(MFA_FAILURES_PER_ACCOUNT, accountKey(t, user.id), 1);
  if (consumedPoints !== MFA_FAILURES_PER_ACCOUNT.points) return;
  const minutes = Math.round(MFA_FAILURES_PER_ACCOUNT.durationSeconds / 60);
  // A security event: in the app and by email, locked on (catalog), so it cannot be switched off.
  await notify(t, {
    type: 'security.mfa_locked',
    userId: user.id,
    title: 'Two-factor sign-in paused after wrong codes',
    body: `Several wrong two-factor codes were entered for your account on ${tenant.name}, so two-factor sign-in is paused for ${minutes} minutes. If this was not you, somebody knows your password: change it now and review your active sessions.`,
    dedupeKey: `security.mfa_locked:${user.id}:${Math.floor(Date.now() / (MFA_FAILURES_PER_ACCOUNT.durationSeconds * 1000))}`,
  });
  await audit(t, { actorId: user.id, action: 'auth.mfa_locked', targetType: 'user', targetId: user.id, metadata: { failures: consumedPoints } }, meta);
}

function mfaLockedError(retryAfterSeconds: number): RateLimited {
  return new RateLimited(retryAfterSeconds, 'Too many wrong two-factor codes for this account; try again later', 'mfa_locked');
}

/** Step 1: a new secret, stored but not yet enforced until a code from it is confirmed. */
export async function beginMfaSetup(tenant: TenantContext, p: Principal, meta: RequestMeta): Promise<{ secret: string; otpauthUrl: string }> {
  if (p.mfaEnabled) throw new Conflict('mfa_already_enabled', 'Two-factor authentication is already on; turn it off first to change the device');
  const secret = generateTotpSecret();
  await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await setMfa(t, p.userId, { secret, enabled: false, lastStep: null });
    await audit(t, { actorId: p.userId, action: 'auth.mfa_setup_started', targetType: 'user', targetId: p.userId }, meta);
  });
  return { secret, otpauthUrl: totpKeyUri({ secret, accountName: p.email, issuer: tenant.name }) };
}

/** Step 2: a valid code turns MFA on and returns recovery codes, shown this once. */
export async function confirmMfaSetup(tenant: TenantContext, p: Principal, code: string, meta: RequestMeta): Promise<{ enabled: true; recoveryCodes: string[] }> {
  const codes = generateRecoveryCodes(10);
  const ok = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const user = await findUserById(t, p.userId);
    if (!user?.mfa_secret) throw new BadRequest('mfa_setup_not_started', 'Start the two-factor setup first');
    if (user.mfa_enabled_at) throw new Conflict('mfa_already_enabled', 'Two-factor authentication is already on');
    if ((await checkSecondFactor(t, user, code, false)) !== 'totp') return false;
    // The step just matched stays recorded, so the confirming code cannot sign in again.
    await setMfa(t, p.userId, { secret: user.mfa_secret, enabled: true });
    await replaceRecoveryCodes(t, p.userId, codes.map((c) => hashToken(normalizeRecoveryCode(c)!)));
    await audit(t, { actorId: p.userId, action: 'auth.mfa_enabled', targetType: 'user', targetId: p.userId }, meta);
    return true;
  });
  if (!ok) throw new BadRequest('invalid_code', 'The code does not match; check the time on your device and try again');
  return { enabled: true, recoveryCodes: codes };
}

export async function disableMfa(tenant: TenantContext, p: Principal, code: string, meta: RequestMeta): Promise<{ enabled: false }> {
  const outcome = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const user = await findUserById(t, p.userId);
    if (!user?.mfa_enabled_at) throw new BadRequest('mfa_not_enabled', 'Two-factor authentication is not on');
    const locked = await secondFactorLocked(t, user.id);
    if (locked) return locked;
    if (!(await checkSecondFactor(t, user, code, true))) {
      await countSecondFactorFailure(t, tenant, user, meta);
      return 'bad_code' as const;
    }
    await setMfa(t, p.userId, { secret: null, enabled: false, lastStep: null });
    await replaceRecoveryCodes(t, p.userId, []);
    await audit(t, { actorId: p.userId, action: 'auth.mfa_disabled', targetType: 'user', targetId: p.userId }, meta);
    return 'disabled' as const;
  });
  if (outcome === 'bad_code') throw new BadRequest('invalid_code', 'The code does not match');
  if (outcome !== 'disabled') throw mfaLockedError(outcome.retryAfterSeconds);
  return { enabled: false };
}

/** The second login step: the pending session's token and a code finish the sign-in. */
export async function completeMfaLogin(
  tenant: TenantContext,
  mfaToken: string,
  code: string,
  meta: RequestMeta,
): Promise<{ tokens: IssuedTokens; user: { id: string; email: string; role: string } }> {
  const result = await withTenant(tenant.id, null, async (t) => {
    const row = await findRefreshToken(t, hashToken(mfaToken));
    if (!row || !row.mfa_pending || row.used_at || row.revoked_at || row.expires_at <= new Date()) return null;
    const user = await findUserById(t, row.user_id);
    if (!user || user.status !== 'active') return null;
    const locked = await secondFactorLocked(t, user.id);
    if (locked) {
      await audit(t, { actorId: user.id, action: 'auth.mfa_challenge', outcome: 'denied', targetType: 'session', targetId: row.session_id, metadata: { reason: 'locked' } }, meta);
      return locked;
    }
    const method = await checkSecondFactor(t, user, code, true);
    if (!method) {
      await countSecondFactorFailure(t, tenant, user, meta);
      // A pending sign-in survives only a few wrong codes.
      if (await tooManyChallengeFailures(row.session_id)) await closePendingSession(t, row.session_id);
      await audit(t, { actorId: user.id, action: 'auth.mfa_challenge', outcome: 'denied', targetType: 'session', targetId: row.session_id }, meta);
      return 'bad_code' as const;
    }
    await reset(MFA_FAILURES_PER_ACCOUNT, accountKey(t, user.id));
    await markRefreshTokenUsed(t, row.token_id);
    // The pending session lived minutes; the signed-in one gets the normal lifetime.
    const expiresAt = new Date(Date.now() + getConfig().REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await touchSession(t, row.session_id, { mfaPending: false, expiresAt });
    const role = primaryRole(await listRoles(t, user.id));
    const tokens = await rotateSession(t, { id: user.id, role }, row.session_id, expiresAt);
    await audit(t, { actorId: user.id, actorRole: role, action: 'auth.login', targetType: 'session', targetId: row.session_id, metadata: { secondFactor: method } }, meta);
    return { tokens, user: { id: user.id, email: user.email, role } };
  });
  if (result === null) throw new Unauthorized('The sign-in has expired; log in again', 'invalid_mfa_token');
  if (result === 'bad_code') throw new Unauthorized('The code does not match', 'invalid_mfa_code');
  if ('retryAfterSeconds' in result) throw mfaLockedError(result.retryAfterSeconds);
  return result;
}

