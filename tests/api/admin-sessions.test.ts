import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as ownSessions } from '../../src/app/api/auth/sessions/route';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { DELETE as revokeAll, GET as userSessions } from '../../src/app/api/admin/users/[id]/sessions/route';
import { DELETE as revokeOne } from '../../src/app/api/admin/users/[id]/sessions/[sessionId]/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const signIn = async (email: string, ip: string, ua = FIREFOX) => {
  const r = await call(login, { host: tenant.host, body: { email, password: PASSWORD }, ip, headers: { 'user-agent': ua } });
  expect(r.status).toBe(200);
  return r.json.token as string;
};

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
});

describe('tenant admin: a user’s sessions', () => {
  it('lists a user’s active sessions with device, address, start and last use; revokes one, then all, each audited', async () => {
    const u = await makeUser(tenant);
    const phone = await signIn(u.email, '10.9.0.1', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1');
    const laptop = await signIn(u.email, '10.9.0.2');
    const third = await signIn(u.email, '10.9.0.3');

    const listed = await call(userSessions, { host: tenant.host, token: adminToken, params: { id: u.id } });
    expect(listed.status).toBe(200);
    expect(listed.json.user).toMatchObject({ id: u.id, email: u.email });
    expect(listed.json.sessions).toHaveLength(3);
    const byIp = Object.fromEntries(listed.json.sessions.map((s: { ip: string }) => [s.ip, s]));
    expect(byIp['10.9.0.2']).toMatchObject({ userAgent: FIREFOX, current: false });
    for (const s of listed.json.sessions) expect(Date.parse(s.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(s.createdAt));

    // One session: that device is signed out, the others keep working.
    const one = await call(revokeOne, { host: tenant.host, token: adminToken, method: 'DELETE', params: { id: u.id, sessionId: byIp['10.9.0.2'].id } });
    expect(one.status).toBe(200);
    expect(one.json).toEqual({ success: true, revoked: 1 });
    expect((await call(profile, { host: tenant.host, token: laptop })).status).toBe(401);
    expect((await call(profile, { host: tenant.host, token: phone })).status).toBe(200);
    const again = await call(revokeOne, { host: tenant.host, token: adminToken, method: 'DELETE', params: { id: u.id, sessionId: byIp['10.9.0.2'].id } });
    expect(again.status).toBe(404);

    // All of them.
    const all = await call(revokeAll, { host: tenant.host, token: adminToken, method: 'DELETE', params: { id: u.id } });
    expect(all.json).toEqual({ success: true, revoked: 2 });
    for (const token of [phone, third]) expect((await call(profile, { host: tenant.host, token })).status).toBe(401);
    expect((await call(userSessions, { host: tenant.host, token: adminToken, params: { id: u.id } })).json.sessions).toEqual([]);

    const log = await call(auditLogs, { host: tenant.host, token: adminToken, path: `/api/admin/audit-logs?targetId=${u.id}` });
    const actions = log.json.entries.map((e: { action: string; metadata: Record<string, unknown> }) => [e.action, e.metadata.revoked]);
    expect(actions).toEqual(expect.arrayContaining([['user.session_revoked', 1], ['user.sessions_revoked', 2]]));
  });

  it('is for tenant admins only, and another tenant neither sees nor ends the sessions', async () => {
    const u = await makeUser(tenant);
    const token = await signIn(u.email, '10.9.1.1');
    const own = (await call(ownSessions, { host: tenant.host, token })).json.sessions[0].id as string;
    expect((await call(userSessions, { host: tenant.host, token, params: { id: u.id } })).status).toBe(403);
    expect((await call(revokeOne, { host: tenant.host, token, method: 'DELETE', params: { id: u.id, sessionId: own } })).status).toBe(403);

    const otherAdmin = await tokenFor(other, other.admin.email);
    expect((await call(userSessions, { host: other.host, token: otherAdmin, params: { id: u.id } })).status).toBe(404);
    expect((await call(revokeAll, { host: other.host, token: otherAdmin, method: 'DELETE', params: { id: u.id } })).status).toBe(404);
    expect((await call(revokeOne, { host: other.host, token: otherAdmin, method: 'DELETE', params: { id: u.id, sessionId: own } })).status).toBe(404);
    expect((await call(profile, { host: tenant.host, token })).status).toBe(200);

    // A session of another user of the same tenant is not this user's to end.
    const v = await makeUser(tenant);
    expect((await call(revokeOne, { host: tenant.host, token: adminToken, method: 'DELETE', params: { id: v.id, sessionId: own } })).status).toBe(404);
    expect((await call(profile, { host: tenant.host, token })).status).toBe(200);
    const bad = await call(revokeOne, { host: tenant.host, token: adminToken, method: 'DELETE', params: { id: u.id, sessionId: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('sessionId');
  });
});
