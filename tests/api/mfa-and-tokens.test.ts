import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as mfaSetup } from '../../src/app/api/auth/mfa/setup/route';
import { POST as mfaEnable } from '../../src/app/api/auth/mfa/enable/route';
import { POST as mfaDisable } from '../../src/app/api/auth/mfa/disable/route';
import { POST as mfaVerify } from '../../src/app/api/auth/mfa/verify/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { signAccessToken } from '../../src/server/auth/jwt';
import { keyRing } from '../../src/server/auth/keys';
import { base32Decode, hotp } from '../../src/server/auth/totp';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant();
});

const step = (offset = 0) => Math.floor(Date.now() / 30_000) + offset;
const totp = (secret: string, offset = 0) => hotp(base32Decode(secret), step(offset));

async function signIn(email: string) {
  const r = await call(login, { host: tenant.host, body: { email, password: PASSWORD } });
  return r;
}

describe('TOTP two-factor authentication', () => {
  it('setup, confirmation, challenge at login, replay refusal, recovery codes, disable', async () => {
    const user = await makeUser(tenant);
    const { json: first } = await signIn(user.email);
    const setup = await call(mfaSetup, { host: tenant.host, token: first.token, method: 'POST' });
    expect(setup.status).toBe(200);
    expect(setup.json.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const secret = setup.json.secret as string;

    expect((await call(mfaEnable, { host: tenant.host, token: first.token, body: { code: '000000' } })).status).toBe(400);
    const enabled = await call(mfaEnable, { host: tenant.host, token: first.token, body: { code: totp(secret, -1) } });
    expect(enabled.status).toBe(200);
    expect(enabled.json.recoveryCodes).toHaveLength(10);

    // Password alone no longer signs in: it yields a short-lived challenge token.
    const pending = await signIn(user.email);
    expect(pending.status).toBe(200);
    expect(pending.json.mfaRequired).toBe(true);
    expect(pending.json.token).toBeUndefined();
    expect(pending.cookies.cdp_at).toBeUndefined();

    const wrong = await call(mfaVerify, { host: tenant.host, body: { mfaToken: pending.json.mfaToken, code: '000000' } });
    expect(wrong.status).toBe(401);
    const ok = await call(mfaVerify, { host: tenant.host, body: { mfaToken: pending.json.mfaToken, code: totp(secret) } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.email).toBe(user.email);
    expect((await call(profile, { host: tenant.host, token: ok.json.token })).json.mfaEnabled).toBe(true);
    // The challenge token is spent.
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken: pending.json.mfaToken, code: totp(secret, 1) } })).status).toBe(401);

    // The same time step cannot be used twice.
    const again = await signIn(user.email);
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken: again.json.mfaToken, code: totp(secret) } })).status).toBe(401);
    // A recovery code works once.
    const recovery = enabled.json.recoveryCodes[0] as string;
    const viaRecovery = await call(mfaVerify, { host: tenant.host, body: { mfaToken: again.json.mfaToken, code: recovery.toUpperCase() } });
    expect(viaRecovery.status).toBe(200);
    const third = await signIn(user.email);
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken: third.json.mfaToken, code: recovery } })).status).toBe(401);

    const disabled = await call(mfaDisable, { host: tenant.host, token: viaRecovery.json.token, body: { code: enabled.json.recoveryCodes[1] } });
    expect(disabled.status).toBe(200);
    expect((await signIn(user.email)).json.token).toBeTruthy();
  });

  it('a challenge token survives only five wrong codes', async () => {
    const user = await makeUser(tenant);
    const { json: first } = await signIn(user.email);
    const { json: s } = await call(mfaSetup, { host: tenant.host, token: first.token, method: 'POST' });
    await call(mfaEnable, { host: tenant.host, token: first.token, body: { code: totp(s.secret, -1) } });
    const pending = await signIn(user.email);
    for (let i = 0; i < 6; i++) await call(mfaVerify, { host: tenant.host, body: { mfaToken: pending.json.mfaToken, code: '000000' } });
    expect((await call(mfaVerify, { host: tenant.host, body: { mfaToken: pending.json.mfaToken, code: totp(s.secret) } })).status).toBe(401);
  });
});

describe('access tokens', () => {
  it('rejects expired, tampered, alg:none and wrongly keyed tokens', async () => {
    const user = await makeUser(tenant);
    const { json } = await signIn(user.email);
    const token = json.token as string;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());

    const expired = await signAccessToken(keyRing(), { tenantId: tenant.id, userId: user.id, role: 'investor', sessionId: claims.sid }, { now: new Date(Date.now() - 3600_000) });
    const e = await call(profile, { host: tenant.host, token: expired });
    expect(e.status).toBe(401);
    expect(e.json.code).toBe('token_expired');

    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'tenant_admin' })).toString('base64url')}.${s}`;
    expect((await call(profile, { host: tenant.host, token: tampered })).status).toBe(401);

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: keyRing().current.kid })).toString('base64url')}.${p}.`;
    expect((await call(profile, { host: tenant.host, token: none })).status).toBe(401);

    const wrongKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: keyRing().current.kid }).sign(new Uint8Array(32).fill(7));
    expect((await call(profile, { host: tenant.host, token: wrongKey })).status).toBe(401);

    // A token signed with the previous key of the ring still works (rotation).
    const previous = { current: keyRing().previous[0]!, previous: [] };
    const rotated = await signAccessToken(previous, { tenantId: tenant.id, userId: user.id, role: 'investor', sessionId: claims.sid });
    expect((await call(profile, { host: tenant.host, token: rotated })).status).toBe(200);
  });

  it('answers a missing token with 401 and a malformed Authorization header with 401', async () => {
    expect((await call(profile, { host: tenant.host })).status).toBe(401);
    expect((await call(profile, { host: tenant.host, headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});
