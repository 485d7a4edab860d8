import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { POST as refresh } from '../../src/app/api/auth/refresh/route';
import { POST as logout } from '../../src/app/api/auth/logout/route';
import { POST as logoutAll } from '../../src/app/api/auth/logout-all/route';
import { GET as sessions } from '../../src/app/api/auth/sessions/route';
import { DELETE as revokeSession } from '../../src/app/api/auth/sessions/[id]/route';
import { POST as verifyEmail } from '../../src/app/api/auth/verify-email/route';
import { POST as forgot } from '../../src/app/api/auth/password/forgot/route';
import { POST as resetPassword } from '../../src/app/api/auth/password/reset/route';
import { POST as changePassword } from '../../src/app/api/auth/password/change/route';
import { GET as profile, PATCH as patchProfile } from '../../src/app/api/profile/route';
import { sql } from 'kysely';
import { hashToken } from '../../src/server/auth/secret-token';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { listEmailsTo } from '../../src/server/notifications/repo';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';
import { notifiedMail } from '../helpers/notified-mail';

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await makeTenant();
});

async function signIn(email: string, password = PASSWORD) {
  const r = await call(login, { host: tenant.host, body: { email, password } });
  expect(r.status).toBe(200);
  return { token: r.json.token as string, cookies: r.cookies };
}

/** The latest code mailed to an address, read from the outbox as the dev inbox would. */
async function lastCode(email: string, template: string): Promise<string> {
  const mails = await withTenant(tenant.id, null, (t) => listEmailsTo(t, email));
  const mail = mails.find((m) => m.template === template);
  const code = mail?.body_text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no ${template} mail for ${email}`);
  return code;
}

describe('registration', () => {
  it('creates an investor who can log in at once, unverified, and mails a code that verifies the email', async () => {
    const email = `new-${Date.now()}@example.com`;
    const r = await call(register, { host: tenant.host, body: { email, password: PASSWORD, firstName: 'New', lastName: 'Investor' } });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ success: true, message: 'Registration successful' });

    const { token } = await signIn(email);
    const before = await call(profile, { host: tenant.host, token });
    expect(before.json).toMatchObject({ role: 'investor', emailVerified: false, verificationLevel: 'none' });

    const wrong = await call(verifyEmail, { host: tenant.host, token, body: { code: '000000' } });
    expect(wrong.status).toBe(400);
    const ok = await call(verifyEmail, { host: tenant.host, token, body: { code: await lastCode(email, 'email_verification') } });
    expect(ok.status).toBe(200);
    const after = await call(profile, { host: tenant.host, token });
    expect(after.json).toMatchObject({ emailVerified: true, verificationLevel: 'basic' });
  });

  it('rejects a common password naming the field, and answers a taken email like a new one', async () => {
    const weak = await call(register, { host: tenant.host, body: { email: 'weak@example.com', password: 'password1234', firstName: 'W', lastName: 'K' } });
    expect(weak.status).toBe(400);
    expect(weak.json.errors[0].field).toBe('password');

    const existing = await makeUser(tenant);
    const again = await call(register, { host: tenant.host, body: { email: existing.email, password: PASSWORD, firstName: 'X', lastName: 'Y' } });
    expect(again.status).toBe(201);
    expect(again.json).toEqual({ success: true, message: 'Registration successful' });
    // The owner of the address is told, and the original password still works.
    expect(await notifiedMail(tenant.id, existing.email, 'security.account_exists')).toHaveLength(1);
    await signIn(existing.email);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use, and reuse of an old one revokes the whole session', async () => {
    const user = await makeUser(tenant);
    const first = await signIn(user.email);
    const rt1 = first.cookies.cdp_rt!;

    const r1 = await call(refresh, { host: tenant.host, method: 'POST', cookies: { cdp_rt: rt1 } });
    expect(r1.status).toBe(200);
    const rt2 = r1.json.refreshToken as string;
    expect(rt2).not.toBe(rt1);
    expect((await call(profile, { host: tenant.host, token: r1.json.token })).status).toBe(200);

    // The owner moves on; then someone presents the first token again.
    const r2 = await call(refresh, { host: tenant.host, body: { refreshToken: rt2 } });
    expect(r2.status).toBe(200);
    const replay = await call(refresh, { host: tenant.host, body: { refreshToken: rt1 } });
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('refresh_token_reused');
    // The thief's and the owner's newest tokens are both dead now.
    expect((await call(refresh, { host: tenant.host, body: { refreshToken: r2.json.refreshToken } })).status).toBe(401);
    expect((await call(profile, { host: tenant.host, token: r2.json.token })).status).toBe(401);
  });

  it('a refresh whose answer was lost can be retried: the same token, within 30 s, gets the same successor and the session lives on', async () => {
    const user = await makeUser(tenant);
    const rt1 = (await signIn(user.email)).cookies.cdp_rt!;
    const r1 = await call(refresh, { host: tenant.host, body: { refreshToken: rt1 } });
    // The browser navigated away before the answer arrived and still holds rt1.
    const retry = await call(refresh, { host: tenant.host, body: { refreshToken: rt1 } });
    expect(retry.status).toBe(200);
    expect(retry.json.refreshToken).toBe(r1.json.refreshToken);
    expect((await call(profile, { host: tenant.host, token: retry.json.token })).status).toBe(200);
    // One line only: the successor works once, onwards.
    const r2 = await call(refresh, { host: tenant.host, body: { refreshToken: retry.json.refreshToken } });
    expect(r2.status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: r2.json.token })).status).toBe(200);
  });

  it('a retry after the 30 s window is a replay: the session is closed', async () => {
    const user = await makeUser(tenant);
    const rt1 = (await signIn(user.email)).cookies.cdp_rt!;
    const r1 = await call(refresh, { host: tenant.host, body: { refreshToken: rt1 } });
    await sql`update refresh_tokens set used_at = now() - interval '31 seconds' where tenant_id = ${tenant.id} and used_at is not null and session_id = (select session_id from refresh_tokens where tenant_id = ${tenant.id} and token_hash = ${hashToken(rt1)})`.execute(ownerDb());
    const late = await call(refresh, { host: tenant.host, body: { refreshToken: rt1 } });
    expect(late.status).toBe(401);
    expect(late.json.code).toBe('refresh_token_reused');
    expect((await call(refresh, { host: tenant.host, body: { refreshToken: r1.json.refreshToken } })).status).toBe(401);
  });

  it('rejects garbage and missing refresh tokens with 401', async () => {
    expect((await call(refresh, { host: tenant.host, body: { refreshToken: 'x'.repeat(43) } })).status).toBe(401);
    expect((await call(refresh, { host: tenant.host, method: 'POST' })).status).toBe(401);
  });
});

describe('logout and sessions', () => {
  it('logout kills the access token at once; logout-all kills every session', async () => {
    const user = await makeUser(tenant);
    const a = await signIn(user.email);
    const b = await signIn(user.email);
    const list = await call(sessions, { host: tenant.host, token: a.token });
    expect(list.json.sessions).toHaveLength(2);
    expect(list.json.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    expect((await call(logout, { host: tenant.host, token: a.token, method: 'POST' })).status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: a.token })).status).toBe(401);
    expect((await call(profile, { host: tenant.host, token: b.token })).status).toBe(200);

    const c = await signIn(user.email);
    expect((await call(logoutAll, { host: tenant.host, token: c.token, method: 'POST' })).json.revoked).toBe(2);
    expect((await call(profile, { host: tenant.host, token: b.token })).status).toBe(401);
    expect((await call(profile, { host: tenant.host, token: c.token })).status).toBe(401);
  });

  it('revokes one own session by id, and answers 404 for a session that is not the caller’s', async () => {
    const user = await makeUser(tenant);
    const other = await makeUser(tenant);
    const a = await signIn(user.email);
    const b = await signIn(user.email);
    const o = await signIn(other.email);
    const bId = (await call(sessions, { host: tenant.host, token: b.token })).json.sessions.find((s: { current: boolean }) => s.current).id;
    expect((await call(revokeSession, { host: tenant.host, token: o.token, method: 'DELETE', params: { id: bId } })).status).toBe(404);
    expect((await call(profile, { host: tenant.host, token: b.token })).status).toBe(200);
    expect((await call(revokeSession, { host: tenant.host, token: a.token, method: 'DELETE', params: { id: bId } })).status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: b.token })).status).toBe(401);
    expect((await call(revokeSession, { host: tenant.host, token: a.token, method: 'DELETE', params: { id: 'not-a-uuid' } })).status).toBe(400);
  });
});

describe('password reset and change', () => {
  it('resets with the mailed code, signs out everywhere, and the code works once', async () => {
    const user = await makeUser(tenant);
    const old = await signIn(user.email);
    const asked = await call(forgot, { host: tenant.host, body: { email: user.email } });
    const unknown = await call(forgot, { host: tenant.host, body: { email: 'ghost@example.com' } });
    expect(asked.status).toBe(200);
    expect(unknown.json).toEqual(asked.json);

    const code = await lastCode(user.email, 'password_reset');
    const newPassword = 'Brand-New-Secret-77';
    const bad = await call(resetPassword, { host: tenant.host, body: { email: user.email, code: code === '111111' ? '222222' : '111111', newPassword } });
    expect(bad.status).toBe(400);
    const ok = await call(resetPassword, { host: tenant.host, body: { email: user.email, code, newPassword } });
    expect(ok.status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: old.token })).status).toBe(401);
    expect((await call(login, { host: tenant.host, body: { email: user.email, password: PASSWORD } })).status).toBe(401);
    await signIn(user.email, newPassword);
    expect((await call(resetPassword, { host: tenant.host, body: { email: user.email, code, newPassword: 'Another-Secret-88' } })).status).toBe(400);
  });

  it('a reset code dies after five wrong guesses', async () => {
    const user = await makeUser(tenant);
    await call(forgot, { host: tenant.host, body: { email: user.email } });
    const code = await lastCode(user.email, 'password_reset');
    const wrong = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await call(resetPassword, { host: tenant.host, body: { email: user.email, code: wrong, newPassword: 'Brand-New-Secret-77' } });
    const late = await call(resetPassword, { host: tenant.host, body: { email: user.email, code, newPassword: 'Brand-New-Secret-77' } });
    expect(late.status).toBe(400);
  });

  it('changing the password needs the current one and keeps only this session', async () => {
    const user = await makeUser(tenant);
    const a = await signIn(user.email);
    const b = await signIn(user.email);
    const wrong = await call(changePassword, { host: tenant.host, token: a.token, body: { currentPassword: 'wrong-password-1', newPassword: 'Changed-Secret-99' } });
    expect(wrong.status).toBe(401);
    const ok = await call(changePassword, { host: tenant.host, token: a.token, body: { currentPassword: PASSWORD, newPassword: 'Changed-Secret-99' } });
    expect(ok.status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: a.token })).status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: b.token })).status).toBe(401);
  });
});

describe('cookie authentication and CSRF', () => {
  it('accepts a cookie session for reads, and for writes only with the CSRF header', async () => {
    const user = await makeUser(tenant);
    const { cookies } = await signIn(user.email);
    const jar = { cdp_at: cookies.cdp_at!, cdp_csrf: cookies.cdp_csrf! };
    expect((await call(profile, { host: tenant.host, cookies: jar })).status).toBe(200);

    const noHeader = await call(patchProfile, { host: tenant.host, method: 'PATCH', cookies: jar, body: { phone: '+1 555 0100' } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.json.code).toBe('csrf_failed');
    const wrongHeader = await call(patchProfile, { host: tenant.host, method: 'PATCH', cookies: jar, headers: { 'x-csrf-token': 'forged' }, body: { phone: '+1 555 0100' } });
    expect(wrongHeader.status).toBe(403);
    const ok = await call(patchProfile, { host: tenant.host, method: 'PATCH', cookies: jar, headers: { 'x-csrf-token': jar.cdp_csrf }, body: { phone: '+1 555 0100' } });
    expect(ok.status).toBe(200);
    expect(ok.json.phone).toBe('+1 555 0100');
  });

  it('refuses a login posted from another origin', async () => {
    const user = await makeUser(tenant);
    const r = await call(login, { host: tenant.host, headers: { origin: 'https://evil.example' }, body: { email: user.email, password: PASSWORD } });
    expect(r.status).toBe(403);
    const same = await call(login, { host: tenant.host, headers: { origin: `http://${tenant.host}` }, body: { email: user.email, password: PASSWORD } });
    expect(same.status).toBe(200);
  });
});
