import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { queueEmail } from '../../src/server/notifications/email';
import { GET as health } from '../../src/app/api/health/route';
import { GET as livez } from '../../src/app/api/livez/route';
import { GET as readyz } from '../../src/app/api/readyz/route';
import { pendingMigrations } from '../../src/server/health/probes';
import { oldestPendingEmailAgeSeconds } from '../../src/server/health/repo';
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

  it('reports email as degraded when mail of any tenant has waited more than ten minutes', async () => {
    const id = await withTenant(tenant.id, null, (t) => queueEmail(t, { to: 'stuck@example.com', template: 'test_stuck', subject: 'Stuck', body: 'Waiting' }));
    // Waiting out a retry (the provider keeps refusing it), so no mailer running beside this test sends it.
    await sql`update email_outbox set created_at = now() - interval '20 minutes', attempts = 3, next_attempt_at = now() + interval '1 hour' where id = ${id}`.execute(ownerDb());
    // Health answers are shared for a second; wait out the one an earlier test made.
    await new Promise((r) => setTimeout(r, 1100));
    try {
      // The probe sees every tenant's outbox (through row-level security it saw none).
      expect(await oldestPendingEmailAgeSeconds()).toBeGreaterThanOrEqual(20 * 60);
      const r = await call(health, { host: tenant.host });
      expect(r.json.services.email).toBe('degraded');
      expect(r.json.status).toBe('degraded');
    } finally {
      await sql`update email_outbox set status = 'sent', sent_at = now() where id = ${id}`.execute(ownerDb());
    }
  });
});

describe('platform probes (any host, no tenant)', () => {
  it('liveness and readiness answer without a tenant host; readiness checks the database and the migrations', async () => {
    const alive = await livez();
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: 'alive' });
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'ready', database: 'connected', pendingMigrations: [] });
  });

  it('names the migration files the database has not applied', () => {
    expect(pendingMigrations(['0001_init.sql', '0002_deals.sql', 'README.md', '0003_x.sql'], new Set(['0001_init', '0002_deals']))).toEqual(['0003_x']);
    expect(pendingMigrations(['0001_init.sql'], new Set(['0001_init']))).toEqual([]);
  });
});
