import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as mfaSetup } from '../../src/app/api/auth/mfa/setup/route';
import { POST as mfaEnable } from '../../src/app/api/auth/mfa/enable/route';
import { POST as mfaVerify } from '../../src/app/api/auth/mfa/verify/route';
import { POST as mfaDisable } from '../../src/app/api/auth/mfa/disable/route';
import { base32Decode, hotp } from '../../src/server/auth/totp';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';
import { notifiedMail } from '../helpers/notified-mail';

// Findings 1-3 of the outside attack run (issue 21): spoofed client addresses, a locked
// account that answered the right password differently, MFA guesses reset by each login.

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant();
});

const wrong = (email: string, ip: string, headers: Record<string, string> = {}) =>
  call(login, { host: tenant.host, ip, headers, body: { email, password: 'not-the-password-1' } });

describe('client address: a header a client sends is never its address', () => {
  it('a fresh X-Real-IP or X-Forwarded-For on every try does not reset the login throttle', async () => {
    const user = await makeUser(tenant);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await wrong(user.email, '203.0.113.7', { 'x-real-ip': `198.51.100.${i}`, 'x-forwarded-for': `192.0.2.${i}` });
      statuses.push(r.status);
    }
    // 5 failures per (account, address) are allowed; the spoofed headers change nothing.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('a locked account answers every password the same way', () => {
  it('after 20 failures from rotating addresses, the right password gets exactly what a wrong one gets', async () => {
    const user = await makeUser(tenant);
    // Address rotation (real sockets this time): the per-account count still adds up.
    for (let i = 0; i < 20; i++) expect((await wrong(user.email, `198.18.${i}.1`)).status).toBe(401);
    const bad = await wrong(user.email, '198.18.100.1');
    const right = await call(login, { host: tenant.host, ip: '198.18.101.1', body: { email: user.email, password: PASSWORD } });
    expect(bad.status).toBe(429);
    expect(right.status).toBe(429);
    expect(right.json.code).toBe(bad.json.code);
    expect(right.json.detail).toBe(bad.json.detail);
    expect(right.cookies.cdp_at).toBeUndefined();
    expect(right.json.token).toBeUndefined();
  });

  it('an unknown email locks the same way, so the lock tells nothing about which emails exist', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    for (let i = 0; i < 20; i++) await wrong(email, `198.19.${i}.1`);
    const r = await wrong(email, '198.19.200.1');
    expect(r.status).toBe(429);
  });
});

const totpAt = (secret: string, offset = 0) => hotp(base32Decode(secret), Math.floor(Date.now() / 30_000) + offset);

async function mfaUser() {
  const user = await makeUser(tenant);
  const first = await call(login, { host: tenant.host, body: { email: user.email, password: PASSWORD } });
  const setup = await call(mfaSetup, { host: tenant.host, token: first.json.token, method: 'POST' });
  expect((await call(mfaEnable, { host: tenant.host, token: first.json.token, body: { code: totpAt(setup.json.secret, -1) } })).status).toBe(200);
  return { user, secret: setup.json.secret as string, token: first.json.token as string };
}

const pendingLogin = async (email: string) => (await call(login, { host: tenant.host, body: { email, password: PASSWORD } })).json.mfaToken as string;

describe('MFA guesses are counted per account, across sign-ins', () => {
  it('30 wrong codes over 5 password logins are not followed by a success: the account locks after 10 and the user gets an email', async () => {
    const { user, secret } = await mfaUser();
    const answers: number[] = [];
    for (let login = 0; login < 5; login++) {
      const mfaToken = await pendingLogin(user.email);
      for (let i = 0; i < 6; i++) answers.push((await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: '000000' } })).status);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(answers.slice(10)).toEqual(Array(20).fill(429));

    const mfaToken = await pendingLogin(user.email);
    const right = await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: totpAt(secret) } });
    expect(right.status).toBe(429);
    expect(right.json.code).toBe('mfa_locked');
    expect(right.json.token).toBeUndefined();

    // A locked security notification: in the app and by email, once.
    const mails = await notifiedMail(tenant.id, user.email, 'security.mfa_locked');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body_text).toContain('two-factor sign-in is paused');
    const audit = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('actor_id', '=', user.id).where('action', '=', 'auth.mfa_locked').execute());
    expect(audit).toHaveLength(1);
  });

  it('turning MFA off spends the same allowance, so a stolen session cannot guess codes there instead', async () => {
    const { user, token } = await mfaUser();
    for (let i = 0; i < 10; i++) expect((await call(mfaDisable, { host: tenant.host, token, body: { code: '000000' } })).status).toBe(400);
    expect((await call(mfaDisable, { host: tenant.host, token, body: { code: '000000' } })).status).toBe(429);
    const mfaToken = await pendingLogin(user.email);
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: '000000' } })).json.code).toBe('mfa_locked');
  });

  it('a right code after a few wrong ones signs in and starts the count again', async () => {
    const { user, secret } = await mfaUser();
    let mfaToken = await pendingLogin(user.email);
    for (let i = 0; i < 4; i++) await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: '000000' } });
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: totpAt(secret) } })).status).toBe(200);
    mfaToken = await pendingLogin(user.email);
    for (let i = 0; i < 4; i++) expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken, code: '000000' } })).status).toBe(401);
  });
});
