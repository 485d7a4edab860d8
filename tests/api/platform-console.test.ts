import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as tenantLogin } from '../../src/app/api/auth/login/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { GET as audit } from '../../src/app/api/platform/audit-logs/route';
import { POST as consoleLogin } from '../../src/app/api/platform/auth/login/route';
import { POST as consoleLogout } from '../../src/app/api/platform/auth/logout/route';
import { GET as me } from '../../src/app/api/platform/auth/me/route';
import { POST as consoleMfa } from '../../src/app/api/platform/auth/mfa/route';
import { GET as tenantDetail } from '../../src/app/api/platform/tenants/[id]/route';
import { POST as resume } from '../../src/app/api/platform/tenants/[id]/resume/route';
import { POST as suspend } from '../../src/app/api/platform/tenants/[id]/suspend/route';
import { GET as tenants } from '../../src/app/api/platform/tenants/route';
import { closePools } from '../../src/server/db/pool';
import { createTenant } from '../../src/server/platform/tenants';
import { consoleHost } from '../../src/server/tenancy/resolve';
import { call } from '../helpers/api';
import { CONSOLE_PASSWORD, consoleSession, makeConsoleAdmin, totpCode, type ConsoleAdminFixture } from '../helpers/console';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// The platform operator's console: its own host, password + TOTP for every sign-in, a session
// no tenant token can stand in for, and suspension that keeps the tenant's data.

let host: string;
let op: ConsoleAdminFixture;
let session: { cookies: Record<string, string>; headers: Record<string, string> };
let t: TestTenant;
let adminToken: string;

beforeAll(async () => {
  host = consoleHost();
  op = await makeConsoleAdmin();
  session = await consoleSession(op);
  t = await makeTenant();
  await makeUser(t);
  adminToken = (await call(tenantLogin, { host: t.host, path: '/api/auth/login', body: { email: t.admin.email, password: PASSWORD } })).json.token;
});

afterAll(async () => {
  await closePools();
});

describe('platform admin sign-in', () => {
  it('needs the password and then a code: the password alone opens nothing, a wrong or replayed code is refused', async () => {
    const a = await makeConsoleAdmin();
    const wrong = await call(consoleLogin, { host, path: '/api/platform/auth/login', body: { email: a.email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.code).toBe('invalid_credentials');

    const step1 = await call(consoleLogin, { host, path: '/api/platform/auth/login', body: { email: a.email, password: CONSOLE_PASSWORD } });
    expect(step1.status).toBe(200);
    expect(step1.json.mfaRequired).toBe(true);
    expect(step1.cookies.cdp_console).toBeUndefined();
    // The step-1 token is no session.
    expect((await call(me, { host, path: '/api/platform/auth/me', cookies: { cdp_console: step1.json.mfaToken } })).status).toBe(401);

    const bad = await call(consoleMfa, { host, path: '/api/platform/auth/mfa', body: { mfaToken: step1.json.mfaToken, code: totpCode(a.secret, Date.now() + 10 * 60_000) } });
    expect(bad.status).toBe(401);
    expect(bad.json.code).toBe('invalid_mfa_code');

    const code = totpCode(a.secret);
    const ok = await call(consoleMfa, { host, path: '/api/platform/auth/mfa', body: { mfaToken: step1.json.mfaToken, code } });
    expect(ok.status).toBe(200);
    expect(ok.json.admin.email).toBe(a.email);
    expect(ok.cookies.cdp_console).toBeTruthy();
    const who = await call(me, { host, path: '/api/platform/auth/me', cookies: { cdp_console: ok.cookies.cdp_console! } });
    expect(who.json.admin.id).toBe(a.id);

    // The same code again (another password step) is a replay.
    const again = await call(consoleLogin, { host, path: '/api/platform/auth/login', body: { email: a.email, password: CONSOLE_PASSWORD } });
    const replay = await call(consoleMfa, { host, path: '/api/platform/auth/mfa', body: { mfaToken: again.json.mfaToken, code } });
    expect(replay.status).toBe(401);
    // A spent step-1 token cannot be used twice either.
    expect((await call(consoleMfa, { host, path: '/api/platform/auth/mfa', body: { mfaToken: step1.json.mfaToken, code: totpCode(a.secret, Date.now() + 30_000) } })).json.code).toBe('invalid_mfa_token');
  });

  it('sign-out ends the session', async () => {
    const a = await makeConsoleAdmin();
    const s = await consoleSession(a);
    expect((await call(consoleLogout, { host, path: '/api/platform/auth/logout', method: 'POST', cookies: s.cookies, headers: s.headers })).status).toBe(200);
    expect((await call(me, { host, path: '/api/platform/auth/me', cookies: s.cookies })).status).toBe(401);
  });

  it('is audited in platform_audit_logs, refusals included', async () => {
    const r = await call(audit, { host, path: '/api/platform/audit-logs', cookies: session.cookies });
    expect(r.status).toBe(200);
    const mine = r.json.entries.filter((e: { adminId: string }) => e.adminId === op.id);
    expect(mine.map((e: { action: string }) => e.action)).toContain('console.sign_in');
    expect(r.json.entries.some((e: { action: string; metadata: { reason?: string } }) => e.action === 'console.sign_in_denied' && e.metadata.reason === 'bad_password')).toBe(true);
  });
});

describe('the console and tenant hosts are apart', () => {
  it('the console API answers 404 on a tenant host, even with a valid console session', async () => {
    for (const [handler, path] of [[tenants, '/api/platform/tenants'], [me, '/api/platform/auth/me']] as const) {
      const r = await call(handler, { host: t.host, path, cookies: session.cookies });
      expect(r.status).toBe(404);
    }
    const login = await call(consoleLogin, { host: t.host, path: '/api/platform/auth/login', body: { email: op.email, password: CONSOLE_PASSWORD } });
    expect(login.status).toBe(404);
  });

  it('the console host is no tenant: tenant routes answer 404 there, and no tenant can take its name', async () => {
    const r = await call(profile, { host, path: '/api/profile', token: adminToken });
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('tenant_not_found');
    const slug = host.split('.')[0]!;
    await expect(createTenant({ adminId: null }, { name: 'Squatter', slug, admin: { email: 'a@squat.test', password: PASSWORD, firstName: 'A', lastName: 'B' } })).rejects.toThrow(/invalid fields/);
  });

  it('a tenant admin’s token reaches nothing in the console (bearer, access cookie, or put in the console cookie)', async () => {
    const tries: { token?: string; cookies?: Record<string, string> }[] = [{ token: adminToken }, { cookies: { cdp_at: adminToken } }, { cookies: { cdp_console: adminToken } }];
    for (const o of tries) {
      const r = await call(tenants, { host, path: '/api/platform/tenants', ...o });
      expect(r.status).toBe(401);
    }
  });

  it('a console session is no sign-in on a tenant host', async () => {
    const r = await call(profile, { host: t.host, path: '/api/profile', cookies: session.cookies });
    expect(r.status).toBe(401);
  });

  it('writes need the session’s CSRF token', async () => {
    const r = await call(suspend, { host, path: `/api/platform/tenants/${t.id}/suspend`, params: { id: t.id }, body: { reason: 'csrf probe' }, cookies: session.cookies });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('csrf_failed');
  });
});

describe('tenants in the console', () => {
  it('lists every tenant with status, members and deals', async () => {
    const r = await call(tenants, { host, path: '/api/platform/tenants', cookies: session.cookies });
    expect(r.status).toBe(200);
    const row = r.json.tenants.find((x: { id: string }) => x.id === t.id);
    expect(row).toMatchObject({ slug: t.slug, status: 'active', users: 2, deals: 0, raised: [] });
  });

  it('suspend with a reason: the tenant answers 503 and keeps its data; resume restores it; both audited', async () => {
    const s = await makeTenant();
    const investor = await makeUser(s);
    const reason = 'Unpaid invoice 2026-11';
    const noReason = await call(suspend, { host, path: `/api/platform/tenants/${s.id}/suspend`, params: { id: s.id }, body: { reason: '' }, cookies: session.cookies, headers: session.headers });
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].field).toBe('reason');

    const r = await call(suspend, { host, path: `/api/platform/tenants/${s.id}/suspend`, params: { id: s.id }, body: { reason }, cookies: session.cookies, headers: session.headers });
    expect(r.status).toBe(200);
    const down = await call(tenantLogin, { host: s.host, path: '/api/auth/login', body: { email: investor.email, password: PASSWORD } });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ code: 'tenant_suspended' });
    expect(down.json.detail).toContain(reason);
    // Suspending twice is a conflict, not a second entry.
    expect((await call(suspend, { host, path: `/api/platform/tenants/${s.id}/suspend`, params: { id: s.id }, body: { reason }, cookies: session.cookies, headers: session.headers })).status).toBe(409);

    const detail = await call(tenantDetail, { host, path: `/api/platform/tenants/${s.id}`, params: { id: s.id }, cookies: session.cookies });
    expect(detail.json.tenant).toMatchObject({ status: 'suspended', suspendedReason: reason, users: 2 });
    expect(detail.json.audit[0]).toMatchObject({ action: 'tenant.suspend', adminId: op.id, metadata: { reason } });

    expect((await call(resume, { host, path: `/api/platform/tenants/${s.id}/resume`, params: { id: s.id }, cookies: session.cookies, headers: session.headers })).status).toBe(200);
    const back = await call(tenantLogin, { host: s.host, path: '/api/auth/login', body: { email: investor.email, password: PASSWORD } });
    expect(back.status).toBe(200);
    const after = await call(tenantDetail, { host, path: `/api/platform/tenants/${s.id}`, params: { id: s.id }, cookies: session.cookies });
    expect(after.json.tenant).toMatchObject({ status: 'active', users: 2 });
    expect(after.json.audit[0]).toMatchObject({ action: 'tenant.reactivate', adminId: op.id });
  });

  it('an unknown tenant is 404; a malformed id is 400', async () => {
    const id = '00000000-0000-7000-8000-000000000000';
    expect((await call(tenantDetail, { host, path: `/api/platform/tenants/${id}`, params: { id }, cookies: session.cookies })).status).toBe(404);
    expect((await call(tenantDetail, { host, path: '/api/platform/tenants/nope', params: { id: 'nope' }, cookies: session.cookies })).status).toBe(400);
  });
});
