import { audit, auditStandalone, type RequestMeta } from '../audit/service';
import { withTenant } from '../db/tenant';
import { RateLimited, Unauthorized } from '../errors';
import { consume, remaining, reset, reward } from '../ratelimit/limiter';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, LOGIN_FAILURES_PER_IP } from '../ratelimit/policy';
import type { TenantContext } from '../tenancy/resolve';
import { dummyVerify, hashPassword, verifyPassword } from './password';
import { primaryRole } from './principal';
import { findUserByEmail, isKnownAddress, listRoles, updatePasswordHash } from './repo';
import type { LoginInput } from './schema';
import { openSession, type IssuedTokens } from './session-tokens';

export type LoginResult =
  | { kind: 'signed_in'; tokens: IssuedTokens; user: { id: string; email: string; role: string } }
  | { kind: 'mfa_required'; mfaToken: string; expiresInSeconds: number };

const INVALID = 'The email or password is incorrect';
const KNOWN_DEVICE_DAYS = 30;
const ACCOUNT_LOCKED = 'This account is temporarily locked after many failed logins; try again later or reset your password';

/**
 * Password login with throttling at three levels. Failures per (account, address) and per
 * address answer 429. Failures per account from everywhere lock the account only briefly
 * (its window) and never for an address that signed in to it lately, so an attacker who
 * knows a victim's email cannot keep the victim out.
 */
export async function login(tenant: TenantContext, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
  const ip = meta.ip ?? 'unknown';
  const acctIpKey = `${tenant.id}:${input.email}:${ip}`;
  const ipKey = `${tenant.id}:${ip}`;
  const acctKey = `${tenant.id}:${input.email}`;
  // Each attempt spends its points before the password is checked, so parallel guesses
  // cannot all slip through; a correct password gives them back.
  try {
    await consume(LOGIN_FAILURES_PER_ACCOUNT_AND_IP, acctIpKey);
    await consume(LOGIN_FAILURES_PER_IP, ipKey);
  } catch (e) {
    if (e instanceof RateLimited) throw new RateLimited(e.retryAfterSeconds, 'Too many failed logins; wait and try again');
    throw e;
  }

  // Look up, then verify outside any transaction: argon2 takes tens of milliseconds and
  // must not hold a pooled connection while it runs.
  const found = await withTenant(tenant.id, null, async (t) => {
    const user = await findUserByEmail(t, input.email);
    if (!user) return null;
    const [roles, knownAddress] = await Promise.all([listRoles(t, user.id), meta.ip ? isKnownAddress(t, user.id, meta.ip, KNOWN_DEVICE_DAYS) : false]);
    return { user, role: primaryRole(roles), knownAddress };
  });
  const user = found?.user;
  // While the account is locked every attempt gets the same answer and no password is
  // checked, so guessing cannot go on and no answer tells that a guess was right.
  const accountLock = await remaining(LOGIN_FAILURES_PER_ACCOUNT, acctKey);
  if (accountLock.left <= 0 && !found?.knownAddress) {
    await dummyVerify(input.password);
    await auditStandalone(tenant.id, { actorId: user?.id ?? null, action: 'auth.login', outcome: 'denied', targetType: 'user', targetId: user?.id ?? null, metadata: { reason: 'locked' } }, meta);
    throw new RateLimited(accountLock.retryAfterSeconds, ACCOUNT_LOCKED);
  }
  const check = user ? await verifyPassword(user.password_hash, input.password) : (await dummyVerify(input.password), { ok: false, needsRehash: false });

  if (!found || !user || !check.ok || user.status !== 'active') {
    if (!check.ok) await consume(LOGIN_FAILURES_PER_ACCOUNT, acctKey).catch(() => {});
    const reason = !user ? 'unknown_email' : !check.ok ? 'bad_password' : 'disabled';
    await auditStandalone(tenant.id, { actorId: user?.id ?? null, action: 'auth.login', outcome: 'denied', targetType: 'user', targetId: user?.id ?? null, metadata: { reason } }, meta);
    throw new Unauthorized(INVALID, 'invalid_credentials');
  }

  const newHash = check.needsRehash ? await hashPassword(input.password) : null;
  await Promise.all([reset(LOGIN_FAILURES_PER_ACCOUNT_AND_IP, acctIpKey), reset(LOGIN_FAILURES_PER_ACCOUNT, acctKey), reward(LOGIN_FAILURES_PER_IP, ipKey)]);
  const role = found.role;
  return withTenant(tenant.id, { userId: user.id }, async (t) => {
    if (newHash) await updatePasswordHash(t, user.id, newHash, false);
    if (user.mfa_enabled_at) {
      const pending = await openSession(t, { id: user.id, role }, meta, { mfaPending: true });
      await audit(t, { actorId: user.id, actorRole: role, action: 'auth.login_password_ok_mfa_pending', targetType: 'user', targetId: user.id }, meta);
      return { kind: 'mfa_required', mfaToken: pending.refreshToken, expiresInSeconds: pending.refreshTtlSeconds };
    }
    const tokens = await openSession(t, { id: user.id, role }, meta, { mfaPending: false });
    await audit(t, { actorId: user.id, actorRole: role, action: 'auth.login', targetType: 'session', targetId: tokens.sessionId }, meta);
    return { kind: 'signed_in', tokens, user: { id: user.id, email: user.email, role } };
  });
}
