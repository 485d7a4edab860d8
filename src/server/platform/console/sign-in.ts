import type { RequestMeta } from '../../audit/service';
import { dummyVerify, hashPassword, verifyPassword } from '../../auth/password';
import { refuseWeakPassword } from '../../auth/password-policy';
import { hashToken, randomToken } from '../../auth/secret-token';
import { generateTotpSecret, totpKeyUri, verifyTotp } from '../../auth/totp';
import { withConsole, withPlatform } from '../../db/platform';
import { Conflict, RateLimited, Unauthorized } from '../../errors';
import { uuidv7 } from '../../ids';
import { consume, reset, type LimitSpec } from '../../ratelimit/limiter';
import { advanceAdminMfaStep, findAdminByEmail, findAdminById, findLiveSession, insertAdmin, insertConsoleSession, extendSession, revokeConsoleSession } from './repo';

// Platform admins sign in on the console's host only: password, then a TOTP code, always (an
// admin without a second factor cannot sign in at all). The session is an opaque token in an
// httpOnly cookie of that host, kept in platform_sessions apart from every tenant's sessions, so
// no tenant token means anything here and a console session means nothing on a tenant's host.

/** A console session ends after this much idleness, and after ABSOLUTE_HOURS whatever happens. */
export const CONSOLE_IDLE_MINUTES = 30;
const ABSOLUTE_HOURS = 8;
/** The password step's token lives this long. */
const PENDING_SECONDS = 5 * 60;

const FAILURES_PER_IP: LimitSpec = { name: 'console-login-ip', points: 20, durationSeconds: 15 * 60 };
const FAILURES_PER_ACCOUNT: LimitSpec = { name: 'console-login-acct', points: 10, durationSeconds: 15 * 60 };
const INVALID = 'The email or password is incorrect';

export type ConsoleAdmin = { id: string; email: string; name: string; sessionId: string };

async function spendAttempt(ip: string, email: string): Promise<void> {
  try {
    await consume(FAILURES_PER_IP, ip);
    await consume(FAILURES_PER_ACCOUNT, email);
  } catch (e) {
    if (e instanceof RateLimited) throw new RateLimited(e.retryAfterSeconds, 'Too many failed sign-ins to the console; wait and try again');
    throw e;
  }
}

const actorOf = (adminId: string | null, meta: RequestMeta) => ({ adminId, ip: meta.ip, userAgent: meta.userAgent });

/** A session row and the token its cookie (or the code step) carries; only the hash is stored. */
function newSession(adminId: string, meta: RequestMeta, mfaPending: boolean, idleMs: number, absoluteMs: number) {
  const token = randomToken(32);
  const now = Date.now();
  const row = { id: uuidv7(), adminId, tokenHash: hashToken(token), mfaPending, ip: meta.ip, userAgent: meta.userAgent, expiresAt: new Date(now + idleMs), absoluteExpiresAt: new Date(now + absoluteMs) };
  return { token, row };
}

/** Step 1: the password. Answers a short-lived token for the code step, never a session. */
export async function consoleSignIn(input: { email: string; password: string }, meta: RequestMeta): Promise<{ mfaToken: string; expiresIn: number }> {
  const email = input.email.trim().toLowerCase();
  const ip = meta.ip ?? 'unknown';
  await spendAttempt(`console:${ip}`, `console:${email}`);
  const admin = await withConsole((tx) => findAdminByEmail(tx, email));
  const ok = admin ? (await verifyPassword(admin.password_hash, input.password)).ok : (await dummyVerify(input.password), false);
  if (!admin || !ok || admin.status !== 'active' || !admin.mfa_secret) {
    const reason = !admin ? 'unknown_email' : !ok ? 'bad_password' : admin.status !== 'active' ? 'disabled' : 'no_second_factor';
    await withPlatform(actorOf(admin?.id ?? null, meta), { action: 'console.sign_in_denied', target: email, metadata: { reason } }, async () => {});
    throw new Unauthorized(INVALID, 'invalid_credentials');
  }
  const pending = newSession(admin.id, meta, true, PENDING_SECONDS * 1000, PENDING_SECONDS * 1000);
  await withConsole((tx) => insertConsoleSession(tx, pending.row));
  return { mfaToken: pending.token, expiresIn: PENDING_SECONDS };
}

/** Step 2: the code. The pending token is spent; a new session token is issued for the cookie. */
export async function consoleVerifyCode(input: { mfaToken: string; code: string }, meta: RequestMeta): Promise<{ sessionToken: string; sessionId: string; maxAgeSeconds: number; admin: { id: string; email: string; name: string } }> {
  const ip = meta.ip ?? 'unknown';
  const pending = await withConsole((tx) => findLiveSession(tx, hashToken(input.mfaToken), new Date()));
  if (!pending || !pending.mfa_pending || pending.status !== 'active') throw new Unauthorized('The sign-in has expired; sign in again', 'invalid_mfa_token');
  await spendAttempt(`console:${ip}`, `console:${pending.email}`);
  const admin = await withConsole((tx) => findAdminById(tx, pending.admin_id));
  const check = admin?.mfa_secret ? verifyTotp(admin.mfa_secret, input.code, { lastUsedStep: admin.mfa_last_step === null ? null : Number(admin.mfa_last_step) }) : { ok: false, step: null };
  const fresh = check.ok && check.step !== null && (await withConsole((tx) => advanceAdminMfaStep(tx, pending.admin_id, check.step!)));
  if (!admin || !fresh) {
    await withPlatform(actorOf(pending.admin_id, meta), { action: 'console.sign_in_denied', target: pending.email, metadata: { reason: 'bad_code' } }, async () => {});
    throw new Unauthorized('The code does not match; check the time on your device and try again', 'invalid_mfa_code');
  }
  const session = newSession(admin.id, meta, false, CONSOLE_IDLE_MINUTES * 60_000, ABSOLUTE_HOURS * 3_600_000);
  const { token, row: { id } } = session;
  await withPlatform(actorOf(admin.id, meta), { action: 'console.sign_in', target: admin.email, metadata: { sessionId: id } }, async (tx) => {
    await revokeConsoleSession(tx, pending.id);
    await insertConsoleSession(tx, session.row);
  });
  await Promise.all([reset(FAILURES_PER_IP, `console:${ip}`), reset(FAILURES_PER_ACCOUNT, `console:${admin.email}`)]);
  return { sessionToken: token, sessionId: id, maxAgeSeconds: ABSOLUTE_HOURS * 3600, admin: { id: admin.id, email: admin.email, name: admin.name } };
}

/** The admin behind a console session cookie, or null; each use pushes the idle expiry on. */
export async function authenticateConsole(token: string): Promise<ConsoleAdmin | null> {
  const now = new Date();
  return withConsole(async (tx) => {
    const s = await findLiveSession(tx, hashToken(token), now);
    if (!s || s.mfa_pending || s.status !== 'active') return null;
    const next = new Date(Math.min(now.getTime() + CONSOLE_IDLE_MINUTES * 60_000, s.absolute_expires_at.getTime()));
    // Written at most once a minute per session, not on every request.
    if (next.getTime() - s.expires_at.getTime() > 60_000) await extendSession(tx, s.id, next);
    return { id: s.admin_id, email: s.email, name: s.name, sessionId: s.id };
  });
}

export async function consoleSignOut(admin: ConsoleAdmin, meta: RequestMeta): Promise<void> {
  await withPlatform(actorOf(admin.id, meta), { action: 'console.sign_out', target: admin.email, metadata: { sessionId: admin.sessionId } }, (tx) => revokeConsoleSession(tx, admin.sessionId));
}

/**
 * A platform admin with a fresh TOTP secret (operators add them from the command line or the
 * seed; there is no sign-up). Returns the secret and its otpauth:// URL for an authenticator app.
 */
export async function createPlatformAdmin(input: { email: string; name: string; password: string }, actor: { adminId: string | null } = { adminId: null }): Promise<{ id: string; secret: string; otpauthUrl: string }> {
  const email = input.email.trim().toLowerCase();
  refuseWeakPassword(input.password, { email, firstName: input.name, lastName: '' }, 'password');
  const id = uuidv7();
  const secret = generateTotpSecret();
  const passwordHash = await hashPassword(input.password);
  await withPlatform(actor, { action: 'console.admin_created', target: email }, async (tx) => {
    if (!(await insertAdmin(tx, { id, email, name: input.name, passwordHash, mfaSecret: secret }))) throw new Conflict('admin_exists', `${email} is already a platform admin`);
  });
  return { id, secret, otpauthUrl: totpKeyUri({ secret, accountName: email, issuer: 'Community Deals console' }) };
}

/** Local runs only (the seed's banner): the demo admin's secret, to compute codes with. */
export async function platformAdminSecret(email: string): Promise<{ secret: string; otpauthUrl: string } | null> {
  const a = await withConsole((tx) => findAdminByEmail(tx, email.toLowerCase()));
  if (!a?.mfa_secret) return null;
  return { secret: a.mfa_secret, otpauthUrl: totpKeyUri({ secret: a.mfa_secret, accountName: a.email, issuer: 'Community Deals console' }) };
}
