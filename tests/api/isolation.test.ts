import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as refresh } from '../../src/app/api/auth/refresh/route';
import { GET as listSessions } from '../../src/app/api/auth/sessions/route';
import { DELETE as deleteSession } from '../../src/app/api/auth/sessions/[id]/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Tenant isolation over HTTP: nothing issued by tenant A (access token, refresh token,
// session id, credentials) works on tenant B's host. A and B each have a user with the
// SAME email and password, so only the tenant boundary can tell them apart.

let a: TestTenant;
let b: TestTenant;
let email: string;
let userA: { id: string };
let userB: { id: string };
let sessionA: { token: string; refreshToken: string; sessionId: string };
let tokenB: string;

async function signIn(t: TestTenant) {
  const r = await call(login, { host: t.host, path: '/api/auth/login', body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r;
}

async function sessionIds(t: TestTenant, token: string): Promise<string[]> {
  const r = await call(listSessions, { host: t.host, path: '/api/auth/sessions', token });
  expect(r.status).toBe(200);
  return (r.json.sessions as { id: string }[]).map((s) => s.id);
}

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  email = `shared-${randomBytes(4).toString('hex')}@example.com`;
  userA = await makeUser(a, ['investor'], email);
  userB = await makeUser(b, ['investor'], email);
  const ra = await signIn(a);
  const [id] = await sessionIds(a, ra.json.token);
  sessionA = { token: ra.json.token, refreshToken: ra.cookies.cdp_rt!, sessionId: id! };
  tokenB = (await signIn(b)).json.token;
});

afterAll(async () => {
  await closePools();
});

describe('an access token from tenant A on tenant B’s host', () => {
  it('is refused with 401 invalid_token and audited in tenant B as security.cross_tenant_token', async () => {
    const r = await call(profile, { host: b.host, path: '/api/profile', token: sessionA.token });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.json.code).toBe('invalid_token');
    expect(r.json.email).toBeUndefined();

    const requestId = r.headers.get('x-request-id')!;
    const inB = await withTenant(b.id, null, ({ tx }) =>
      sql<{ action: string; outcome: string; metadata: { path: string } }>`select action, outcome, metadata from audit_logs where tenant_id = ${b.id} and request_id = ${requestId}`.execute(tx),
    );
    expect(inB.rows).toEqual([{ action: 'security.cross_tenant_token', outcome: 'denied', metadata: { path: '/api/profile' } }]);
    const inA = await withTenant(a.id, null, ({ tx }) => sql`select id from audit_logs where tenant_id = ${a.id} and action = 'security.cross_tenant_token'`.execute(tx));
    expect(inA.rows).toEqual([]);
    // Control: the same token is fine on its own tenant.
    expect((await call(profile, { host: a.host, token: sessionA.token })).json.id).toBe(userA.id);
  });

  it('is refused when it arrives as the access cookie too', async () => {
    const r = await call(profile, { host: b.host, path: '/api/profile', cookies: { cdp_at: sessionA.token } });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('invalid_token');
  });
});

describe('credentials and sessions of tenant A on tenant B', () => {
  it('A’s user cannot log in on B’s host with A’s password', async () => {
    const onlyA = await makeUser(a);
    const r = await call(login, { host: b.host, body: { email: onlyA.email, password: PASSWORD } });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('invalid_credentials');
    expect(r.cookies.cdp_at).toBeUndefined();
  });

  it('sessions listed on B never include A’s, even for the same email', async () => {
    const second = await signIn(a); // A now has two sessions for this email, B has one
    const onA = await sessionIds(a, second.json.token);
    const onB = await sessionIds(b, tokenB);
    expect(onA).toContain(sessionA.sessionId);
    expect(onA.length).toBeGreaterThanOrEqual(2);
    expect(onB).toHaveLength(1);
    expect(onB.filter((id) => onA.includes(id))).toEqual([]);
  });

  it('DELETE /api/auth/sessions/[id] with A’s session id while authenticated on B is 404 and leaves it alive', async () => {
    const r = await call(deleteSession, { host: b.host, path: `/api/auth/sessions/${sessionA.sessionId}`, method: 'DELETE', token: tokenB, params: { id: sessionA.sessionId } });
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('not_found');
    expect(await sessionIds(a, sessionA.token)).toContain(sessionA.sessionId);
    expect((await call(profile, { host: a.host, token: sessionA.token })).status).toBe(200);
    // Control: the same request on A's host does revoke it, so 404 above is the boundary, not a broken route.
    const extra = await signIn(a);
    const [extraId] = (await sessionIds(a, extra.json.token)).filter((id) => id !== sessionA.sessionId);
    const own = await call(deleteSession, { host: a.host, method: 'DELETE', token: sessionA.token, params: { id: extraId! } });
    expect(own.status).toBe(200);
  });

  it('a refresh token from A presented on B is 401 and is not spent', async () => {
    const r = await call(refresh, { host: b.host, path: '/api/auth/refresh', body: { refreshToken: sessionA.refreshToken } });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe('invalid_refresh_token');
    expect(r.json.token).toBeUndefined();
    const viaCookie = await call(refresh, { host: b.host, path: '/api/auth/refresh', method: 'POST', cookies: { cdp_rt: sessionA.refreshToken } });
    expect(viaCookie.status).toBe(401);
    // Still valid (not consumed, no reuse alarm) on its own tenant.
    const own = await call(refresh, { host: a.host, path: '/api/auth/refresh', body: { refreshToken: sessionA.refreshToken } });
    expect(own.status).toBe(200);
    expect(typeof own.json.token).toBe('string');
    expect((await call(profile, { host: a.host, token: own.json.token })).json.id).toBe(userA.id);
    expect((await call(profile, { host: b.host, token: own.json.token })).status).toBe(401);
    expect(userB.id).not.toBe(userA.id);
  });
});
