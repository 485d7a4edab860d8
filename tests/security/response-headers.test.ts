import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { call, type CallResult } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Response headers and error bodies that route handlers own. Site-wide security headers
// (HSTS, frame-ancestors, Referrer-Policy, X-Powered-By) are set outside the handlers
// (next.config.ts / the web server; issue 21 finding 5 and 10) and tested there. Here:
// every GET handler without path parameters, signed in and not, answers JSON with
// no-store when it carries a user's data, and every error is problem+json with a stable
// code and no stack trace, SQL or file path.

const API_DIR = path.resolve(import.meta.dirname, '../../src/app/api');
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
// Public, cacheable by design: the API description.
const PUBLIC_CACHEABLE = new Set(['openapi.json', 'health']);
const LEAKY = /\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\bselect\b.+\bfrom\b|\binsert into\b|ZodError|TypeError|RangeError|pg_|postgres/i;

let t: TestTenant;
let admin: string;
let investor: string;
let gets: { key: string; handler: Handler }[] = [];

function expectProblem(r: CallResult, where: string) {
  expect({ where, type: r.headers.get('content-type') }).toEqual({ where, type: 'application/problem+json' });
  expect(r.json).toMatchObject({ status: r.status, code: expect.stringMatching(/^[a-z0-9_]+$/), title: expect.any(String) });
  expect({ where, leak: LEAKY.test(JSON.stringify(r.json)) }).toEqual({ where, leak: false });
  expect(r.json.stack).toBeUndefined();
}

beforeAll(async () => {
  t = await makeTenant();
  admin = (await call(login, { host: t.host, body: { email: t.admin.email, password: PASSWORD } })).json.token;
  const u = await makeUser(t);
  investor = (await call(login, { host: t.host, body: { email: u.email, password: PASSWORD } })).json.token;
  for (const f of readdirSync(API_DIR, { recursive: true }) as string[]) {
    if (path.basename(f) !== 'route.ts' || f.includes('[')) continue;
    const key = path.dirname(f).split(path.sep).join('/');
    // The notification stream is Server-Sent Events that stay open (notifications-inbox.test.ts).
    if (key === 'bench/empty' || key === 'notifications/stream') continue;
    const mod = (await import(path.join(API_DIR, f))) as Record<string, unknown>;
    if (typeof mod.GET === 'function') gets.push({ key, handler: mod.GET as Handler });
  }
});

afterAll(async () => {
  await closePools();
});

describe('GET handlers', () => {
  it('finds them', () => {
    expect(gets.length).toBeGreaterThan(25);
  });

  it('signed in: JSON answers carry no-store (except the public API description and health), errors are clean problems', async () => {
    const bad: string[] = [];
    for (const g of gets) {
      for (const token of [admin, investor]) {
        const r = await call(g.handler, { host: t.host, token, path: `/api/${g.key}` });
        const where = `GET /api/${g.key} ${token === admin ? 'admin' : 'investor'}`;
        if (r.status >= 400) {
          expectProblem(r, where);
          continue;
        }
        const type = r.headers.get('content-type') ?? '';
        if (!/^(application\/json|text\/csv|application\/x-tar)/.test(type)) bad.push(`${where}: content-type ${type}`);
        if (!PUBLIC_CACHEABLE.has(g.key) && !/no-store/.test(r.headers.get('cache-control') ?? '')) bad.push(`${where}: cache-control ${r.headers.get('cache-control')}`);
        if (r.headers.get('x-powered-by')) bad.push(`${where}: x-powered-by`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('not signed in: each is a 2xx public answer or a 401 problem, never an error page', async () => {
    for (const g of gets) {
      const r = await call(g.handler, { host: t.host, path: `/api/${g.key}` });
      if (r.status >= 400) {
        expectProblem(r, `GET /api/${g.key}`);
        expect([401, 403, 404]).toContain(r.status);
      }
    }
  });
});

describe('error bodies', () => {
  it.each([
    ['unknown tenant', () => call(profile, { host: 'nobody.invalid' })],
    ['no token', () => call(profile, { host: t.host })],
    ['a garbage token', () => call(profile, { host: t.host, token: 'x.y.z' })],
    ['malformed JSON', () => call(login, { host: t.host, rawBody: '{"email":', headers: { 'content-type': 'application/json' } })],
    ['a wrong content type', () => call(login, { host: t.host, rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
    ['a wrong password', () => call(login, { host: t.host, body: { email: t.admin.email, password: 'nope-nope-nope' } })],
    ['an oversized body', () => call(login, { host: t.host, rawBody: JSON.stringify({ email: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } })],
  ])('%s: problem+json with a code and a request id, no stack, no SQL, no paths', async (_l, req) => {
    const r = await req();
    expect(r.status).toBeGreaterThanOrEqual(400);
    expectProblem(r, _l);
    expect(r.headers.get('x-request-id')).toBe(r.json.requestId);
  });

  it('an X-Request-Id that could split headers or flood logs is replaced, not echoed', async () => {
    for (const id of ['abc\r\nSet-Cookie: x=1'.replace(/\r\n/g, ' '), 'x'.repeat(500), '<script>', '../../x']) {
      const r = await call(profile, { host: t.host, token: investor, headers: { 'x-request-id': id } });
      expect(r.headers.get('x-request-id')).not.toBe(id);
      expect(r.headers.get('x-request-id')).toMatch(/^[\w.-]{1,64}$/);
    }
    const ok = await call(profile, { host: t.host, token: investor, headers: { 'x-request-id': 'trace-123.abc' } });
    expect(ok.headers.get('x-request-id')).toBe('trace-123.abc');
  });
});
