import { beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '../../src/app/api/health/route';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant();
});

describe('GET /api/health', () => {
  it('answers the seed shape from real checks', async () => {
    const r = await call(health, { host: tenant.host });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['blockchain', 'database', 'services', 'status']);
    expect(r.json.database).toBe('connected');
    expect(Object.keys(r.json.services).sort()).toEqual(['email', 'ipfs', 'kyc']);
    expect(['healthy', 'degraded']).toContain(r.json.status);
  });

  it('adds tenant details for that tenant’s admin only', async () => {
    const admin = await call(health, { host: tenant.host, token: await tokenFor(tenant, tenant.admin.email), path: `/api/health?tenant=${tenant.slug}` });
    expect(admin.status).toBe(200);
    expect(admin.json.tenant).toMatchObject({ slug: tenant.slug, status: 'active' });
    expect(admin.json.tenant.users).toBeGreaterThanOrEqual(1);

    const investor = await makeUser(tenant);
    const denied = await call(health, { host: tenant.host, token: await tokenFor(tenant, investor.email), path: `/api/health?tenant=${tenant.slug}` });
    expect(denied.status).toBe(403);
    expect((await call(health, { host: tenant.host, path: `/api/health?tenant=${tenant.slug}` })).status).toBe(401);

    const other = await makeTenant();
    const cross = await call(health, { host: tenant.host, token: await tokenFor(tenant, tenant.admin.email), path: `/api/health?tenant=${other.slug}` });
    expect(cross.status).toBe(404);
  });
});
