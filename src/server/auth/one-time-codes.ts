import { audit, type RequestMeta } from '../audit/service';
import { withTenant, type TenantTx } from '../db/tenant';
import type { CodePurpose } from '../db/types';
import { BadRequest } from '../errors';
import { passwordResetEmail, queueEmail, verificationCodeEmail } from '../notifications/email';
import { consume, reset } from '../ratelimit/limiter';
import { CODE_REQUESTS_PER_ACCOUNT } from '../ratelimit/policy';
import type { TenantContext } from '../tenancy/resolve';
import { refuseWeakPassword } from './password-policy';
import { dummyVerify, hashPassword } from './password';
import type { Principal } from './principal';
import {
  countCodeAttempt,
  findLiveCode,
  findUserByEmail,
  grantVerificationLevel,
  insertCode,
  markEmailVerified,
  revokeAllSessions,
  updatePasswordHash,
} from './repo';
import { hashToken, randomNumericCode, safeEqual } from './secret-token';

const TTL_MINUTES: Record<CodePurpose, number> = { email_verification: 24 * 60, password_reset: 15 };
// A six-digit code survives only a few guesses before it is spent.
const MAX_ATTEMPTS = 5;

async function issueCode(t: TenantTx, userId: string, purpose: CodePurpose): Promise<string> {
  const code = randomNumericCode(6);
  await insertCode(t, { userId, purpose, codeHash: hashToken(code), expiresAt: new Date(Date.now() + TTL_MINUTES[purpose] * 60_000) });
  return code;
}

/** Checks and, on success, spends the user's live code; every miss counts toward the limit. */
async function spendCode(t: TenantTx, userId: string, purpose: CodePurpose, code: string): Promise<boolean> {
  const live = await findLiveCode(t, userId, purpose);
  if (!live) return false;
  const ok = safeEqual(live.code_hash, hashToken(code));
  await countCodeAttempt(t, live.id, ok || live.attempts + 1 >= MAX_ATTEMPTS);
  return ok;
}

export async function sendEmailVerificationCode(t: TenantTx, tenantName: string, user: { id: string; email: string }): Promise<void> {
  const code = await issueCode(t, user.id, 'email_verification');
  await queueEmail(t, verificationCodeEmail(user.email, tenantName, code));
}

export async function resendEmailVerification(tenant: TenantContext, p: Principal): Promise<{ sent: boolean }> {
  if (p.emailVerified) return { sent: false };
  await consume(CODE_REQUESTS_PER_ACCOUNT, `${tenant.id}:${p.userId}:verify`);
  await withTenant(tenant.id, { userId: p.userId }, (t) => sendEmailVerificationCode(t, tenant.name, { id: p.userId, email: p.email }));
  return { sent: true };
}

/** A correct code verifies the email and grants the `basic` verification level. */
export async function verifyEmail(tenant: TenantContext, p: Principal, code: string, meta: RequestMeta): Promise<{ emailVerified: true }> {
  const ok = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (p.emailVerified) return true;
    if (!(await spendCode(t, p.userId, 'email_verification', code))) return false;
    await markEmailVerified(t, p.userId);
    await grantVerificationLevel(t, p.userId, 'basic', { method: 'email_code', email: p.email });
    await audit(t, { actorId: p.userId, action: 'auth.email_verified', targetType: 'user', targetId: p.userId }, meta);
    return true;
  });
  if (!ok) throw new BadRequest('invalid_code', 'The code is wrong or has expired; ask for a new one');
  return { emailVerified: true };
}

/** Always the same answer, whether or not the email has an account. */
export async function requestPasswordReset(tenant: TenantContext, email: string, meta: RequestMeta): Promise<{ success: true; message: string }> {
  await consume(CODE_REQUESTS_PER_ACCOUNT, `${tenant.id}:${email}:reset`);
  await withTenant(tenant.id, null, async (t) => {
    const user = await findUserByEmail(t, email);
    if (!user || user.status !== 'active') return;
    const code = await issueCode(t, user.id, 'password_reset');
    await queueEmail(t, passwordResetEmail(user.email, tenant.name, code));
    await audit(t, { actorId: user.id, action: 'auth.password_reset_requested', targetType: 'user', targetId: user.id }, meta);
  });
  return { success: true, message: 'If an account exists for that email, a reset code is on its way' };
}

/** A correct code sets the new password and signs the account out everywhere. */
export async function resetPassword(
  tenant: TenantContext,
  input: { email: string; code: string; newPassword: string },
  meta: RequestMeta,
): Promise<{ success: true; message: string }> {
  // The same checks in the same order whether or not the email has an account, so the
  // answer never tells which emails exist: first what the request alone shows (the email
  // is the caller's own input), then the code, and only with a valid code the rules that
  // need the account (its name), rolled back with the code if they fail.
  refuseWeakPassword(input.newPassword, { email: input.email }, 'newPassword');
  const done = await withTenant(tenant.id, null, async (t) => {
    const user = await findUserByEmail(t, input.email);
    if (!user) {
      await dummyVerify(input.newPassword);
      return false;
    }
    if (!(await spendCode(t, user.id, 'password_reset', input.code))) return false;
    refuseWeakPassword(input.newPassword, { email: user.email, firstName: user.first_name, lastName: user.last_name }, 'newPassword');
    await updatePasswordHash(t, user.id, await hashPassword(input.newPassword), true);
    await revokeAllSessions(t, user.id, 'password_reset');
    await audit(t, { actorId: user.id, action: 'auth.password_reset', targetType: 'user', targetId: user.id }, meta);
    return true;
  });
  if (!done) throw new BadRequest('invalid_code', 'The code is wrong or has expired; ask for a new one');
  await reset(CODE_REQUESTS_PER_ACCOUNT, `${tenant.id}:${input.email}:reset`);
  return { success: true, message: 'Your password has been changed; log in with the new one' };
}
