import { beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as listUsers } from '../../src/app/api/admin/users/route';
import { POST as changeRole } from '../../src/app/api/admin/users/[id]/roles/route';
import { POST as changeStatus } from '../../src/app/api/admin/users/[id]/status/route';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { GET as tenantSettings, PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let adminToken: string;

async function tokenFor(email: string, host = tenant.host) {
  const r = await call(login, { host, body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant.admin.email);
});

describe('tenant admin: users and roles', () => {
  it('lists users with paging, and only for tenant admins', async () => {
    const investor = await makeUser(tenant);
    const r = await call(listUsers, { host: tenant.host, token: adminToken, path: '/api/admin/users?limit=1' });
    expect(r.status).toBe(200);
    expect(r.json.users).toHaveLength(1);
    expect(r.json.total).toBeGreaterThanOrEqual(2);
    expect(r.json.hasMore).toBe(true);
    const denied = await call(listUsers, { host: tenant.host, token: await tokenFor(investor.email) });
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('role_required');
    expect((await call(listUsers, { host: tenant.host, token: adminToken, path: '/api/admin/users?limit=500' })).status).toBe(400);
  });

  it('grants a role that takes effect on the next request, audits it, and refuses to remove the last admin', async () => {
    const user = await makeUser(tenant);
    const userToken = await tokenFor(user.email);
    const granted = await call(changeRole, { host: tenant.host, token: adminToken, params: { id: user.id }, body: { role: 'issuer', action: 'grant' } });
    expect(granted.status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: userToken })).json.roles).toEqual(['investor', 'issuer']);

    const last = await call(changeRole, { host: tenant.host, token: adminToken, params: { id: tenant.admin.id }, body: { role: 'tenant_admin', action: 'revoke' } });
    expect(last.status).toBe(409);
    expect(last.json.code).toBe('last_admin');

    const log = await call(auditLogs, { host: tenant.host, token: adminToken, path: '/api/admin/audit-logs?action=user.role_grant' });
    expect(log.json.entries.some((e: { targetId: string; actorId: string }) => e.targetId === user.id && e.actorId === tenant.admin.id)).toBe(true);
    expect((await call(changeRole, { host: tenant.host, token: adminToken, params: { id: user.id }, body: { role: 'pope', action: 'grant' } })).status).toBe(400);
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await makeUser(tenant);
    const userToken = await tokenFor(user.email);
    const r = await call(changeStatus, { host: tenant.host, token: adminToken, params: { id: user.id }, body: { status: 'disabled', reason: 'fraud review' } });
    expect(r.status).toBe(200);
    expect((await call(profile, { host: tenant.host, token: userToken })).status).toBe(401);
    expect((await call(login, { host: tenant.host, body: { email: user.email, password: PASSWORD } })).status).toBe(401);
  });

  it('a denied admin call is itself audited', async () => {
    const user = await makeUser(tenant);
    await call(listUsers, { host: tenant.host, token: await tokenFor(user.email) });
    const log = await call(auditLogs, { host: tenant.host, token: adminToken, path: '/api/admin/audit-logs?action=security.role_denied' });
    expect(log.json.entries.some((e: { actorId: string; outcome: string }) => e.actorId === user.id && e.outcome === 'denied')).toBe(true);
  });
});

describe('tenant admin: branding and features', () => {
  it('changes the theme and a feature flag, visible through the resolver at once', async () => {
    const theme = { colors: { primary: '#112233', secondary: '#445566', accent: '#778899', background: '#FFFFFF', text: '#000000' } };
    const r = await call(patchTenant, { host: tenant.host, token: adminToken, method: 'PATCH', body: { name: 'Renamed Club', theme, features: { p2pTrading: true } } });
    expect(r.status).toBe(200);
    const view = await call(tenantSettings, { host: tenant.host, token: adminToken });
    expect(view.json.name).toBe('Renamed Club');
    expect(view.json.theme.colors.primary).toBe('#112233');
    expect(view.json.features.p2pTrading).toBe(true);
    expect(view.json.features.escrow).toBe(true);
    const bad = await call(patchTenant, { host: tenant.host, token: adminToken, method: 'PATCH', body: { theme: { colors: { primary: 'red' } }, features: { teleport: true } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['theme.colors.primary', 'features.teleport']));
  });

  it('sets the default light/dark appearance of the tenant (system unless chosen) and refuses an unknown one', async () => {
    expect((await call(tenantSettings, { host: tenant.host, token: adminToken })).json.theme.layout.colorMode).toBe('system');
    const dark = await call(patchTenant, { host: tenant.host, token: adminToken, method: 'PATCH', body: { theme: { layout: { colorMode: 'dark' } } } });
    expect(dark.status).toBe(200);
    expect((await call(tenantSettings, { host: tenant.host, token: adminToken })).json.theme.layout).toMatchObject({ colorMode: 'dark', style: 'modern' });
    const bad = await call(patchTenant, { host: tenant.host, token: adminToken, method: 'PATCH', body: { theme: { layout: { colorMode: 'sepia' } } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('theme.layout.colorMode');
  });
});
