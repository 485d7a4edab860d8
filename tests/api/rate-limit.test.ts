import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as health } from '../../src/app/api/health/route';
import { sql } from 'kysely';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call, type CallResult } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';
import { RateLimited } from '../../src/server/errors';
import { remaining, spend, storedKey } from '../../src/server/ratelimit/limiter';
import { flushRequestBudgets, spendRequestBudget } from '../../src/server/ratelimit/request-budget';

// Request budgets per tenant and client (settings.rateLimits) and the login throttle.
// Every client address is random per test, so runs on a shared database never share counters.

const ip = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const PUBLIC_LIMIT = 3;

let limited: TestTenant;
let neighbour: TestTenant;
let user: { id: string; email: string };

function expectRateLimited(r: CallResult): void {
  expect(r.status).toBe(429);
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  expect(r.json.code).toBe('rate_limited');
  const retryAfter = Number(r.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(r.json.retryAfter).toBe(retryAfter);
}

const badLogin = (t: TestTenant, from: string) => call(login, { host: t.host, ip: from, body: { email: user.email, password: 'wrong-password-123' } });

beforeAll(async () => {
  limited = await makeTenant({ settings: { rateLimits: { public: PUBLIC_LIMIT } } });
  neighbour = await makeTenant({ settings: { rateLimits: { public: PUBLIC_LIMIT } } });
  user = await makeUser(limited);
});

afterAll(async () => {
  await closePools();
});

describe('per-tenant public request budget (settings.rateLimits.public = 3 per minute)', () => {
  it('answers the 4th public request from one address with 429, Retry-After and code rate_limited', async () => {
    const from = ip();
    for (let i = 0; i < PUBLIC_LIMIT; i++) expect((await badLogin(limited, from)).status).toBe(401);
    const fourth = await call(login, { host: limited.host, ip: from, body: { email: user.email, password: PASSWORD } });
    expectRateLimited(fourth);
    expect(fourth.json.retryAfter).toBeLessThanOrEqual(60);
    // The request budget, not the login throttle (which allows 5 failures): even the right password is refused.
    expect(fourth.json.detail).toBe('Too many requests; try again later');
    expect(fourth.cookies.cdp_at).toBeUndefined();
  });

  it('does not affect another client address or another tenant', async () => {
    const from = ip();
    for (let i = 0; i < PUBLIC_LIMIT; i++) await badLogin(limited, from);
    expectRateLimited(await badLogin(limited, from));

    const otherIp = await call(login, { host: limited.host, ip: ip(), body: { email: user.email, password: PASSWORD } });
    expect(otherIp.status).toBe(200);
    const otherTenant = await badLogin(neighbour, from);
    expect(otherTenant.status).toBe(401);
    expect(otherTenant.json.code).toBe('invalid_credentials');
  });

  it('never limits the health check, even for an address that is out of budget', async () => {
    const from = ip();
    for (let i = 0; i < PUBLIC_LIMIT; i++) await badLogin(limited, from);
    expectRateLimited(await badLogin(limited, from));
    for (let i = 0; i < PUBLIC_LIMIT * 4; i++) {
      const r = await call(health, { host: limited.host, ip: from, path: '/api/health' });
      expect(r.status).toBe(200);
      expect(r.json.database).toBe('connected');
    }
  });
});

describe('login throttle', () => {
  it('after 5 wrong passwords for one account from one address, the 6th attempt is 429 even with the right password; another address still signs in', async () => {
    const t = await makeTenant();
    const victim = await makeUser(t);
    const other = await makeUser(t);
    const attacker = ip();
    for (let i = 0; i < 5; i++) {
      const r = await call(login, { host: t.host, ip: attacker, body: { email: victim.email, password: `wrong-password-${i}` } });
      expect(r.status).toBe(401);
      expect(r.json.code).toBe('invalid_credentials');
    }
    const sixth = await call(login, { host: t.host, ip: attacker, body: { email: victim.email, password: PASSWORD } });
    expectRateLimited(sixth);
    expect(sixth.cookies.cdp_at).toBeUndefined();

    const elsewhere = await call(login, { host: t.host, ip: ip(), body: { email: victim.email, password: PASSWORD } });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.json.user.id).toBe(victim.id);
    // The throttle is per account and address: another account from the same address is unaffected.
    const otherAccount = await call(login, { host: t.host, ip: attacker, body: { email: other.email, password: PASSWORD } });
    expect(otherAccount.status).toBe(200);
  });
});

// A request whose token fails authentication still spends from the public budget; with a
// token from another tenant it would otherwise also write unlimited audit rows there.
describe('requests that fail authentication', () => {
  it('count against the public budget (a bad bearer token is no way around the limit)', async () => {
    const home = await makeTenant();
    const outsider = await makeUser(home);
    const foreignToken = (await call(login, { host: home.host, body: { email: outsider.email, password: PASSWORD } })).json.token as string;
    const from = ip();
    const results: CallResult[] = [];
    for (let i = 0; i < PUBLIC_LIMIT + 2; i++) results.push(await call(login, { host: limited.host, ip: from, token: foreignToken, body: { email: user.email, password: 'x' } }));
    expect(results.slice(0, PUBLIC_LIMIT).map((r) => r.status)).toEqual(Array(PUBLIC_LIMIT).fill(401));
    for (const r of results.slice(PUBLIC_LIMIT)) expectRateLimited(r);
    const ids = results.map((r) => r.headers.get('x-request-id')!);
    const audited = await withTenant(limited.id, null, ({ tx }) =>
      sql<{ n: number }>`select count(*)::int as n from audit_logs where tenant_id = ${limited.id} and request_id = any(${ids}::text[])`.execute(tx),
    );
    expect(audited.rows[0]!.n).toBeLessThanOrEqual(PUBLIC_LIMIT);
  });
});

// Login attempts reserve their throttle points before the password is verified, so a burst
// of parallel guesses cannot all be evaluated.
describe('login throttle under concurrency', () => {
  it('evaluates at most 5 wrong passwords from one address even when they arrive at once', async () => {
    const t = await makeTenant();
    const victim = await makeUser(t);
    const attacker = ip();
    const burst = await Promise.all(
      Array.from({ length: 15 }, (_, i) => call(login, { host: t.host, ip: attacker, body: { email: victim.email, password: `wrong-password-${i}` } })),
    );
    const evaluated = burst.filter((r) => r.status === 401);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    for (const r of burst.filter((x) => x.status !== 401)) expectRateLimited(r);
  });
});

// Request budgets are counted per instance and added to the shared store in batches (see
// src/server/ratelimit/request-budget.ts); what other instances spent is learned at each flush.
describe('request budgets shared between instances', () => {
  const spec = { name: 'req-test', points: 10, durationSeconds: 60 };

  it("adds this instance's spend to the shared store at the next flush", async () => {
    const key = `t:${ip()}`;
    for (let i = 0; i < 4; i++) spendRequestBudget(spec, key);
    await flushRequestBudgets();
    expect((await remaining(spec, key)).left).toBe(6);
    for (let i = 0; i < 6; i++) spendRequestBudget(spec, key);
    expect(() => spendRequestBudget(spec, key)).toThrow(RateLimited);
    await flushRequestBudgets();
    expect((await remaining(spec, key)).left).toBe(0);
  });

  it('counts spend that a flush has sent but the store has not confirmed yet (requests arriving mid-flush)', async () => {
    const key = `t:${ip()}`;
    for (let i = 0; i < 8; i++) spendRequestBudget(spec, key);
    // The flush hands the 8 to the store and waits for its answer; requests keep arriving.
    const flushing = flushRequestBudgets();
    spendRequestBudget(spec, key);
    spendRequestBudget(spec, key);
    expect(() => spendRequestBudget(spec, key)).toThrow(RateLimited);
    await flushing;
    expect(() => spendRequestBudget(spec, key)).toThrow(RateLimited);
    await flushRequestBudgets();
    expect((await remaining(spec, key)).left).toBe(0);
  });

  it('refuses a key once a flush reports that other instances used up its budget', async () => {
    const key = `t:${ip()}`;
    await spend(spec, key, 9); // another instance's requests
    spendRequestBudget(spec, key); // not yet known here: accepted (the 10th)
    await flushRequestBudgets();
    let refusal: unknown;
    try {
      spendRequestBudget(spec, key);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(RateLimited);
    expect((refusal as RateLimited).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refusal as RateLimited).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('flushes many keys together, each with its own total, and starts a key whose window has ended afresh', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `t:${ip()}:${i}`);
    keys.forEach((key, i) => {
      for (let n = 0; n <= i % 5; n++) spendRequestBudget(spec, key);
    });
    await flushRequestBudgets();
    const left = await Promise.all(keys.map((key) => remaining(spec, key)));
    expect(left.map((l) => l.left)).toEqual(keys.map((_, i) => 10 - ((i % 5) + 1)));

    // A counter whose window is over (written by another instance a minute ago) restarts with this flush's spend.
    const stale = `t:${ip()}`;
    await spend(spec, stale, 9);
    await sql`update limits.rate_limits set expire = ${Date.now() - 1000} where key = ${`rl:${spec.name}:${storedKey(stale)}`}`.execute(ownerDb());
    spendRequestBudget(spec, stale);
    spendRequestBudget(spec, stale);
    await flushRequestBudgets();
    const after = await remaining(spec, stale);
    expect(after.left).toBe(8);
    expect(after.retryAfterSeconds).toBeGreaterThan(55);
  });
});
