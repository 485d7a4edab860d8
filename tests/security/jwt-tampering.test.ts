import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as refresh } from '../../src/app/api/auth/refresh/route';
import { GET as profile, PATCH as patchProfile } from '../../src/app/api/profile/route';
import { GET as listUsers } from '../../src/app/api/admin/users/route';
import { signAccessToken } from '../../src/server/auth/jwt';
import { keyRing } from '../../src/server/auth/keys';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// JWT tampering as an attacker holding one valid investor token (and the public knowledge
// of how our tokens look). Every forgery is sent to a read and to a write; each must be a
// 401 problem, the write must change nothing, and the genuine token must keep working.
// tests/api/mfa-and-tokens covers expired, one changed claim, alg none and a wrong key once;
// src/server/auth/jwt.test.ts covers the verifier in isolation. This replays the attack run's
// whole list over HTTP, including the tokens only a key holder could mint (other audience,
// other tenant's user, key-bearing headers with a good signature).

let a: TestTenant;
let b: TestTenant;
let user: { id: string; email: string };
let userB: { id: string; email: string };
let token: string;
let refreshToken: string;
let claims: Record<string, any>;
let header: Record<string, any>;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hs256 = (input: string, secret: Uint8Array | string) => createHmac('sha256', secret).update(input).digest('base64url');
/** A token with the given header and payload, HMAC-signed with the tenant's real current key. */
const signedWithRealKey = (h: object, p: object) => {
  const input = `${b64(h)}.${b64(p)}`;
  return `${input}.${hs256(input, keyRing().current.secret)}`;
};

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  user = await makeUser(a);
  userB = await makeUser(b);
  const r = await call(login, { host: a.host, body: { email: user.email, password: PASSWORD } });
  expect(r.status).toBe(200);
  token = r.json.token;
  refreshToken = r.cookies.cdp_rt!;
  const [h, p] = token.split('.');
  header = JSON.parse(Buffer.from(h!, 'base64url').toString());
  claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
});

afterAll(async () => {
  await closePools();
});

async function forgeries(): Promise<[string, string][]> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const now = Math.floor(Date.now() / 1000);
  const ring = keyRing();
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPublicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sessionB = (await call(login, { host: b.host, body: { email: userB.email, password: PASSWORD } })).json;
  const [, pB] = (sessionB.token as string).split('.');
  const claimsB = JSON.parse(Buffer.from(pB!, 'base64url').toString());

  return [
    ['alg none, empty signature', `${b64({ ...header, alg: 'none' })}.${p}.`],
    ['alg None, original signature', `${b64({ ...header, alg: 'None' })}.${p}.${s}`],
    ['alg NONE without a signature part', `${b64({ ...header, alg: 'NONE' })}.${p}`],
    ['alg HS512 signed with the real key', (() => {
      const input = `${b64({ ...header, alg: 'HS512' })}.${p}`;
      return `${input}.${createHmac('sha512', ring.current.secret).update(input).digest('base64url')}`;
    })()],
    ['RS256 signed with an attacker key', await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: ring.current.kid }).sign(rsa.privateKey)],
    // Classic HS/RS confusion: HMAC over the token with a public key (PEM text) as the secret.
    ['HS256 keyed with an RSA public key PEM', (() => {
      const input = `${b64({ ...header, kid: ring.current.kid })}.${b64({ ...claims, role: 'tenant_admin' })}`;
      return `${input}.${hs256(input, rsaPublicPem)}`;
    })()],
    ['role raised, old signature', `${h}.${b64({ ...claims, role: 'tenant_admin' })}.${s}`],
    ['sub swapped to the admin, old signature', `${h}.${b64({ ...claims, sub: a.admin.id })}.${s}`],
    ['exp pushed out, old signature', `${h}.${b64({ ...claims, exp: now + 86_400 * 365 })}.${s}`],
    ['aud swapped to tenant B, old signature', `${h}.${b64({ ...claims, aud: b.id })}.${s}`],
    ['expired, signed with the real key', await signAccessToken(ring, { tenantId: a.id, userId: user.id, role: 'investor', sessionId: claims.sid }, { now: new Date(Date.now() - 2 * 3600_000) })],
    ['issued in the future, signed with the real key', signedWithRealKey(header, { ...claims, iat: now + 3600, exp: now + 7200 })],
    ['tenant B’s own valid token (aud B) on A’s host', sessionB.token],
    ['aud A with tenant B’s user and session, signed with the real key', await signAccessToken(ring, { tenantId: a.id, userId: userB.id, role: 'investor', sessionId: claimsB.sid })],
    ['aud as an array [A, B], signed with the real key', signedWithRealKey(header, { ...claims, aud: [a.id, b.id] })],
    ['typ JWT instead of at+jwt, signed with the real key', signedWithRealKey({ ...header, typ: 'JWT' }, claims)],
    ['typ refresh+jwt, signed with the real key', signedWithRealKey({ ...header, typ: 'refresh+jwt' }, claims)],
    ['no typ, signed with the real key', signedWithRealKey({ alg: 'HS256', kid: header.kid }, claims)],
    ['the refresh token presented as an access token', refreshToken],
    ['jku header, signature good', signedWithRealKey({ ...header, jku: 'https://evil.example/jwks.json' }, claims)],
    ['jwk header embedding a key, signature good', signedWithRealKey({ ...header, jwk: { kty: 'oct', k: Buffer.from(ring.current.secret).toString('base64url') } }, claims)],
    ['x5u header, signature good', signedWithRealKey({ ...header, x5u: 'https://evil.example/cert.pem' }, claims)],
    ['x5c header, signature good', signedWithRealKey({ ...header, x5c: ['MIIB'] }, claims)],
    ['kid unknown', signedWithRealKey({ ...header, kid: 'attacker' }, claims)],
    ['kid path traversal, HMAC with an empty key', (() => {
      const input = `${b64({ ...header, kid: '../../../../dev/null' })}.${p}`;
      return `${input}.${hs256(input, '')}`;
    })()],
    ['kid SQL injection', signedWithRealKey({ ...header, kid: "x' union select 'k" }, claims)],
    ['kid missing', signedWithRealKey({ alg: 'HS256', typ: 'at+jwt' }, claims)],
    ['iss changed, signed with the real key', signedWithRealKey(header, { ...claims, iss: 'evil' })],
    ['jti missing, signed with the real key', signedWithRealKey(header, (({ jti: _j, ...rest }) => rest)(claims))],
    ['signature truncated by one character', token.slice(0, -1)],
    ['signature removed', `${h}.${p}.`],
    ['payload only', p],
    ['four segments', `${token}.${s}`],
    ['payload not JSON', `${h}.${Buffer.from('not json').toString('base64url')}.${s}`],
    ['garbage', 'eyJhbGciOiJIUzI1NiJ9.garbage.garbage'],
    ['a very long token', `${h}.${'A'.repeat(20_000)}.${s}`],
  ];
}

describe('forged access tokens over HTTP', () => {
  it('every forgery is a 401 problem on a read, a write and an admin route; the genuine token still works', async () => {
    const list = await forgeries();
    expect(list.length).toBeGreaterThan(30);
    const accepted: string[] = [];
    for (const [label, forged] of list) {
      for (const [route, h, method, body] of [
        ['GET /api/profile', profile, 'GET', undefined],
        ['PATCH /api/profile', patchProfile, 'PATCH', { firstName: 'Pwned' }],
        ['GET /api/admin/users', listUsers, 'GET', undefined],
      ] as const) {
        // Bearer header (when it is a valid bearer token syntax) and the access cookie.
        for (const how of ['bearer', 'cookie'] as const) {
          const r = await call(h, { host: a.host, method, body, ...(how === 'bearer' ? { headers: { authorization: `Bearer ${forged}` } } : { cookies: { cdp_at: forged } }) });
          if (r.status !== 401 || r.headers.get('content-type') !== 'application/problem+json' || !['invalid_token', 'token_expired', 'unauthorized'].includes(r.json.code)) {
            accepted.push(`${label} via ${how} on ${route}: ${r.status} ${r.json?.code}`);
          }
        }
      }
    }
    expect(accepted).toEqual([]);
    const me = await call(profile, { host: a.host, token });
    expect(me.status).toBe(200);
    expect(me.json.firstName).not.toBe('Pwned');
    expect(me.json.id).toBe(user.id);
  }, 60_000);

  it('control: a token minted the way the forgeries are, but honestly, is accepted (so the 401s are about the tampering)', async () => {
    const honest = signedWithRealKey(header, { ...claims, jti: crypto.randomUUID() });
    expect((await call(profile, { host: a.host, token: honest })).status).toBe(200);
  });
});

describe('rotating refresh tokens under attack', () => {
  async function session() {
    const u = await makeUser(a);
    const r = await call(login, { host: a.host, body: { email: u.email, password: PASSWORD } });
    return { token: r.json.token as string, rt: r.cookies.cdp_rt! };
  }

  it('a stolen refresh token replayed after the owner rotated it kills the whole family, including tokens rotated later', async () => {
    const s = await session();
    const r1 = await call(refresh, { host: a.host, body: { refreshToken: s.rt } });
    const r2 = await call(refresh, { host: a.host, body: { refreshToken: r1.json.refreshToken } });
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const thief = await call(refresh, { host: a.host, body: { refreshToken: s.rt } });
    expect(thief.status).toBe(401);
    expect(thief.json.code).toBe('refresh_token_reused');
    expect(thief.json.token).toBeUndefined();
    for (const t of [s.token, r1.json.token, r2.json.token]) expect((await call(profile, { host: a.host, token: t })).status).toBe(401);
    expect((await call(refresh, { host: a.host, body: { refreshToken: r2.json.refreshToken } })).status).toBe(401);
  });

  it('the same refresh token sent many times at once yields one successor, and never two live lines', async () => {
    const s = await session();
    const results = await Promise.all(Array.from({ length: 8 }, () => call(refresh, { host: a.host, body: { refreshToken: s.rt } })));
    expect(results.every((r) => r.status === 200 || r.status === 401)).toBe(true);
    const ok = results.filter((r) => r.status === 200);
    // The first rotates; the others are retries inside the grace window and get that same successor.
    expect(new Set(ok.map((r) => r.json.refreshToken)).size).toBe(1);
    const successor = ok[0]!.json.refreshToken as string;
    const next = await call(refresh, { host: a.host, body: { refreshToken: successor } });
    expect(next.status).toBe(200);
    // The family has moved past the first token: presenting it now is a replay and closes the session.
    const replay = await call(refresh, { host: a.host, body: { refreshToken: s.rt } });
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('refresh_token_reused');
    expect((await call(refresh, { host: a.host, body: { refreshToken: next.json.refreshToken } })).status).toBe(401);
  });

  it('a refresh token is refused as a bearer token, and an access token is refused as a refresh token', async () => {
    const s = await session();
    expect((await call(profile, { host: a.host, token: s.rt })).status).toBe(401);
    const r = await call(refresh, { host: a.host, body: { refreshToken: s.token } });
    // Refused by the schema (a refresh token has another shape) or as unknown: never a new pair.
    expect([400, 401]).toContain(r.status);
    expect(r.json.token).toBeUndefined();
    // Neither attempt spent the real refresh token.
    expect((await call(refresh, { host: a.host, body: { refreshToken: s.rt } })).status).toBe(200);
  });
});
