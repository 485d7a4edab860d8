import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { POST as forgot } from '../../src/app/api/auth/password/forgot/route';
import { GET as profile, PATCH as patchProfile } from '../../src/app/api/profile/route';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// CSRF, replayed on every writing handler: a request that authenticates with the session
// cookie must echo the CSRF cookie in X-CSRF-Token, or it is 403 csrf_failed before it
// does anything. tests/api/auth-flows shows it once on PATCH /api/profile; this walks
// every POST, PUT, PATCH and DELETE under src/app/api, so a new route cannot opt out.

const API_DIR = path.resolve(import.meta.dirname, '../../src/app/api');
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
// Not built on route(): answers 404 unless benchmarks are switched on, and carries no session.
const OUTSIDE_ROUTE_WRAPPER = new Set(['bench/empty']);
const FAKE_ID = '00000000-0000-4000-8000-000000000000';

let t: TestTenant;
let jar: { cdp_at: string; cdp_csrf: string };
let bearer: string;
let writes: { key: string; method: (typeof WRITES)[number]; handler: Handler }[] = [];

beforeAll(async () => {
  t = await makeTenant();
  const r = await call(login, { host: t.host, body: { email: t.admin.email, password: PASSWORD } });
  jar = { cdp_at: r.cookies.cdp_at!, cdp_csrf: r.cookies.cdp_csrf! };
  bearer = r.json.token;
  expect(jar.cdp_csrf).toMatch(/.{16,}/);
  // Routes of a feature that is off answer 403 feature_disabled before any CSRF check: the
  // tenant has every switchable feature that gates routes on, so the sweep reaches the check.
  expect((await call(patchTenant, { host: t.host, token: bearer, body: { features: { socialFeatures: true } } })).status).toBe(200);
  for (const f of readdirSync(API_DIR, { recursive: true }) as string[]) {
    if (path.basename(f) !== 'route.ts') continue;
    const key = path.dirname(f).split(path.sep).join('/');
    if (OUTSIDE_ROUTE_WRAPPER.has(key)) continue;
    // The operator console's routes answer only on the console host (404 on a tenant host, before
    // any CSRF check); their CSRF refusal is tested there (tests/api/platform-console.test.ts).
    if (key.startsWith('platform/')) continue;
    const mod = (await import(path.join(API_DIR, f))) as Record<string, unknown>;
    for (const m of WRITES) if (typeof mod[m] === 'function') writes.push({ key, method: m, handler: mod[m] as Handler });
  }
});

afterAll(async () => {
  await closePools();
});

const paramsFor = (key: string) => Object.fromEntries([...key.matchAll(/\[(\w+)\]/g)].map(([, name]) => [name!, name === 'provider' ? 'sumsub' : name === 'cid' ? 'b'.padEnd(40, 'a') : FAKE_ID]));

describe('cookie-authenticated writes', () => {
  it('finds the writing handlers (the enumeration works)', () => {
    expect(writes.length).toBeGreaterThan(60);
  });

  it.each([
    ['no X-CSRF-Token', () => ({})],
    ['a wrong X-CSRF-Token', () => ({ 'x-csrf-token': 'forged-token-value-000000000000' })],
    ['the token with one character changed', () => ({ 'x-csrf-token': jar.cdp_csrf.slice(0, -1) + (jar.cdp_csrf.endsWith('a') ? 'b' : 'a') })],
    ['an empty X-CSRF-Token', () => ({ 'x-csrf-token': '' })],
  ])('with %s: every POST/PUT/PATCH/DELETE is 403 csrf_failed', async (_l, headers) => {
    const through: string[] = [];
    for (const w of writes) {
      const r = await call(w.handler, { host: t.host, method: w.method, cookies: jar, headers: headers(), params: paramsFor(w.key), body: {} });
      if (r.status !== 403 || r.json?.code !== 'csrf_failed') through.push(`${w.method} ${w.key}: ${r.status} ${r.json?.code}`);
    }
    expect(through).toEqual([]);
  }, 60_000);

  it('the header without the CSRF cookie (cookie jar lost it) is refused too', async () => {
    const r = await call(patchProfile, { host: t.host, method: 'PATCH', cookies: { cdp_at: jar.cdp_at }, headers: { 'x-csrf-token': jar.cdp_csrf }, body: { firstName: 'Csrf' } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('csrf_failed');
  });

  it('a CSRF cookie and header pair taken from another session does not authorise this session’s cookie (token bound to the session)', async () => {
    const other = await makeUser(t);
    const o = await call(login, { host: t.host, body: { email: other.email, password: PASSWORD } });
    const planted = o.cookies.cdp_csrf!;
    expect(planted).not.toBe(jar.cdp_csrf);
    const r = await call(patchProfile, { host: t.host, method: 'PATCH', cookies: { cdp_at: jar.cdp_at, cdp_csrf: planted }, headers: { 'x-csrf-token': planted }, body: { firstName: 'Planted' } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('csrf_failed');
  });

  it('reads are not CSRF-checked, and nothing changed through the refused writes', async () => {
    const me = await call(profile, { host: t.host, cookies: jar });
    expect(me.status).toBe(200);
    expect(me.json.firstName).toBe('Ada');
  });

  it('control: with the matching header, a cookie write goes through', async () => {
    const r = await call(patchProfile, { host: t.host, method: 'PATCH', cookies: jar, headers: { 'x-csrf-token': jar.cdp_csrf }, body: { phone: '+1 555 0199' } });
    expect(r.status).toBe(200);
  });
});

describe('bearer-authenticated writes', () => {
  it('are not subject to the cookie check: no handler answers csrf_failed to a bearer token', async () => {
    const refused: string[] = [];
    const unauthenticated: string[] = [];
    // Sign-outs last: they end the session the rest of the walk rides on.
    const endsSession = (k: string) => /^auth\/(logout|logout-all|password\/change)$/.test(k);
    const ordered = [...writes.filter((w) => !endsSession(w.key)), ...writes.filter((w) => endsSession(w.key))];
    for (const w of ordered) {
      // No cookie and no X-CSRF-Token: an API client. (401 is expected only where the bearer is not the credential:
      // refresh and MFA take their own tokens, webhooks their signature.) (A foreign Origin is still refused for bearer
      // writes today, which is stricter than needed and not an opening.)
      const r = await call(w.handler, { host: t.host, method: w.method, token: bearer, params: paramsFor(w.key), body: {} });
      if (r.json?.code === 'csrf_failed') refused.push(`${w.method} ${w.key}`);
      if (r.status === 401 && !endsSession(w.key) && !['auth/refresh', 'auth/mfa/verify', 'webhooks/kyc/[provider]', 'webhooks/blockchain', 'webhooks/email/resend'].includes(w.key)) unauthenticated.push(`${w.method} ${w.key}`);
    }
    expect(refused).toEqual([]);
    // The token stayed valid for the whole walk, so every handler really saw a bearer-authenticated write.
    expect(unauthenticated).toEqual([]);
  }, 60_000);

  it('a bearer write with neither cookie nor header goes through', async () => {
    const fresh = (await call(login, { host: t.host, body: { email: t.admin.email, password: PASSWORD } })).json.token;
    const r = await call(patchProfile, { host: t.host, method: 'PATCH', token: fresh, body: { phone: '+1 555 0142' } });
    expect(r.status).toBe(200);
  });
});

describe('unauthenticated writes from another origin', () => {
  it.each([
    ['login', login, () => ({ email: t.admin.email, password: PASSWORD })],
    ['register', register, () => ({ email: `x-${Date.now()}@example.com`, password: PASSWORD, firstName: 'X', lastName: 'Y' })],
    ['password forgot', forgot, () => ({ email: t.admin.email })],
  ])('%s with a foreign Origin is 403 csrf_failed and sets no session', async (_l, handler, body) => {
    for (const origin of ['https://evil.example', `http://${t.host}.evil.example`, `https://${t.slug}.localhost.evil.example`, 'not a url']) {
      const r = await call(handler, { host: t.host, headers: { origin }, body: body() });
      expect({ origin, status: r.status, code: r.json.code }).toEqual({ origin, status: 403, code: 'csrf_failed' });
      expect(r.cookies.cdp_at).toBeUndefined();
    }
  });

  it('the simple-request route a form could take (text/plain or form-encoded bodies) is refused with 415 before any login', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await call(login, { host: t.host, headers: { 'content-type': type, origin: 'null' }, rawBody: JSON.stringify({ email: t.admin.email, password: PASSWORD }) });
      expect({ type, status: r.status }).toEqual({ type, status: 415 });
      expect(r.cookies.cdp_at).toBeUndefined();
    }
  });

  it('control: the same login from the tenant’s own origin signs in', async () => {
    const r = await call(login, { host: t.host, headers: { origin: `http://${t.host}` }, body: { email: t.admin.email, password: PASSWORD } });
    expect(r.status).toBe(200);
  });
});
