import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { PUT as storeCredentials } from '../../src/app/api/admin/kyc-credentials/[provider]/route';
import { GET as getSettings, PATCH as patchSettings } from '../../src/app/api/admin/kyc-settings/route';
import { GET as ownKyc } from '../../src/app/api/investor/kyc/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { withTenant } from '../../src/server/db/tenant';
import { resolveTenant } from '../../src/server/tenancy/resolve';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// A tenant admin chooses the KYC provider and the Sumsub level names. The platform's own provider
// accounts are unset here, so a provider counts as configured only through the tenant's stored
// credentials.

const PLATFORM_ENV = ['SUMSUB_APP_TOKEN', 'SUMSUB_SECRET_KEY', 'SUMSUB_WEBHOOK_SECRET', 'SHUFTI_CLIENT_ID', 'SHUFTI_SECRET_KEY'] as const;
const savedEnv: Record<string, string | undefined> = {};

let a: TestTenant;
let b: TestTenant;
let adminA: string;

const kycRow = (tenantId: string) =>
  withTenant(tenantId, null, (t) => t.tx.selectFrom('tenants').select(['kyc_provider', 'settings']).where('id', '=', tenantId).executeTakeFirstOrThrow());
const settingsAudits = (tenantId: string) =>
  withTenant(tenantId, null, (t) => t.tx.selectFrom('audit_logs').selectAll().where('tenant_id', '=', tenantId).where('action', '=', 'kyc.settings_updated').orderBy('created_at').execute());
const resolved = async (tenant: TestTenant) => (await resolveTenant(tenant.host, getConfig().PLATFORM_BASE_DOMAIN))!;

beforeAll(async () => {
  for (const k of PLATFORM_ENV) {
    savedEnv[k] = process.env[k];
    delete process.env[k];
  }
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  a = await makeTenant({ settings: { kyc: { otherKey: 'kept' } } });
  b = await makeTenant();
  adminA = await tokenFor(a, a.admin.email);
});

afterAll(() => {
  for (const k of PLATFORM_ENV) if (savedEnv[k] === undefined) delete process.env[k];
  else process.env[k] = savedEnv[k];
  resetConfigCache();
});

describe('tenant KYC settings', () => {
  it('shows the defaults: manual review, Sumsub basic level, no enhanced level, no provider configured', async () => {
    const r = await call(getSettings, { host: a.host, token: adminA });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      provider: 'manual',
      sumsubLevelName: 'basic-kyc-level',
      sumsubEnhancedLevelName: null,
      providers: [
        { provider: 'manual', configured: true, source: 'platform' },
        { provider: 'sumsub', configured: false, source: null },
        { provider: 'shuftipro', configured: false, source: null },
      ],
    });
  });

  it('refuses a provider without credentials with 409 and changes nothing', async () => {
    const before = await kycRow(a.id);
    const r = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body: { provider: 'sumsub', sumsubLevelName: 'would-not-be-kept' } });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('kyc_provider_not_configured');
    expect(r.json.provider).toBe('sumsub');
    expect(r.json.detail).toContain('sumsub');
    const shufti = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body: { provider: 'shuftipro' } });
    expect(shufti.status).toBe(409);
    expect(shufti.json.provider).toBe('shuftipro');
    expect(await kycRow(a.id)).toEqual(before);
    expect(await settingsAudits(a.id)).toHaveLength(0);
    expect((await resolved(a)).kycProvider).toBe('manual');
  });

  it('a platform account counts as configured for every tenant', async () => {
    process.env.SHUFTI_CLIENT_ID = 'platform-client';
    process.env.SHUFTI_SECRET_KEY = 'platform-secret';
    resetConfigCache();
    try {
      const r = await call(getSettings, { host: b.host, token: await tokenFor(b, b.admin.email) });
      expect(r.json.providers).toContainEqual({ provider: 'shuftipro', configured: true, source: 'platform' });
      expect(r.json.providers).toContainEqual({ provider: 'sumsub', configured: false, source: null });
    } finally {
      delete process.env.SHUFTI_CLIENT_ID;
      delete process.env.SHUFTI_SECRET_KEY;
      resetConfigCache();
    }
  });

  it('switches to Sumsub once the tenant stored its account, sets the levels, and the tenant resolves with it at once', async () => {
    expect((await resolved(a)).kycProvider).toBe('manual'); // cached now
    const investor = await makeUser(a);
    const investorToken = await tokenFor(a, investor.email);
    // An application started under manual review stays with it after the switch.
    const started = await call(startApplication, { host: a.host, token: investorToken, body: {} });
    expect(started.status).toBe(201);
    expect(started.json.application.provider).toBe('manual');

    const secretKey = `sk-${randomBytes(8).toString('hex')}`;
    const stored = await call(storeCredentials, { host: a.host, token: adminA, method: 'PUT', params: { provider: 'sumsub' }, body: { appToken: 'tenant-app', secretKey, webhookSecret: 'tenant-wh' } });
    expect(stored.status).toBe(200);

    const r = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body: { provider: 'sumsub', sumsubLevelName: ' id-and-selfie ', sumsubEnhancedLevelName: 'Enhanced KYC v2.1' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ provider: 'sumsub', sumsubLevelName: 'id-and-selfie', sumsubEnhancedLevelName: 'Enhanced KYC v2.1' });
    expect(r.json.providers).toContainEqual({ provider: 'sumsub', configured: true, source: 'tenant' });

    const tenant = await resolved(a);
    expect(tenant.kycProvider).toBe('sumsub');
    expect(tenant.settings.kyc).toEqual({ otherKey: 'kept', sumsubLevelName: 'id-and-selfie', sumsubEnhancedLevelName: 'Enhanced KYC v2.1' });
    const own = await call(ownKyc, { host: a.host, token: investorToken });
    expect(own.json.provider).toBe('sumsub');
    expect(own.json.applications.map((x: { provider: string }) => x.provider)).toEqual(['manual']);
    const again = await call(startApplication, { host: a.host, token: investorToken, body: {} });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ application: { id: started.json.application.id, provider: 'manual' } });

    const audits = await settingsAudits(a.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor_id).toBe(a.admin.id);
    expect(audits[0]!.metadata).toMatchObject({
      before: { provider: 'manual', sumsubLevelName: 'basic-kyc-level', sumsubEnhancedLevelName: null },
      after: { provider: 'sumsub', sumsubLevelName: 'id-and-selfie', sumsubEnhancedLevelName: 'Enhanced KYC v2.1' },
    });
    expect(JSON.stringify(audits[0])).not.toContain(secretKey);
  });

  it('clears the enhanced level with null, keeps the other fields, and switches back to manual', async () => {
    const r = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body: { sumsubEnhancedLevelName: null } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ provider: 'sumsub', sumsubLevelName: 'id-and-selfie', sumsubEnhancedLevelName: null });
    expect((await resolved(a)).settings.kyc).toEqual({ otherKey: 'kept', sumsubLevelName: 'id-and-selfie' });

    const back = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body: { provider: 'manual' } });
    expect(back.status).toBe(200);
    expect((await resolved(a)).kycProvider).toBe('manual');
    expect((await call(getSettings, { host: a.host, token: adminA })).json).toMatchObject({ provider: 'manual', sumsubLevelName: 'id-and-selfie', sumsubEnhancedLevelName: null });
    expect(await settingsAudits(a.id)).toHaveLength(3);
  });

  it('names the invalid field', async () => {
    const before = await kycRow(a.id);
    const cases: [unknown, string][] = [
      [{ sumsubLevelName: 'basic<script>' }, 'sumsubLevelName'],
      [{ sumsubLevelName: '' }, 'sumsubLevelName'],
      [{ sumsubEnhancedLevelName: 'x'.repeat(101) }, 'sumsubEnhancedLevelName'],
      [{ sumsubLevelName: null }, 'sumsubLevelName'],
      [{ provider: 'onfido' }, 'provider'],
      [{ provider: 'manual', extra: 1 }, '(body)'],
      [{}, '(body)'],
    ];
    for (const [body, field] of cases) {
      const r = await call(patchSettings, { host: a.host, token: adminA, method: 'PATCH', body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await kycRow(a.id)).toEqual(before);
  });

  it('is for tenant admins only, and a cookie session needs the CSRF token', async () => {
    for (const role of ['investor', 'compliance_officer'] as const) {
      const u = await makeUser(a, [role]);
      const token = await tokenFor(a, u.email);
      expect((await call(getSettings, { host: a.host, token })).status).toBe(403);
      expect((await call(patchSettings, { host: a.host, token, method: 'PATCH', body: { provider: 'manual' } })).status).toBe(403);
    }
    const session = await call(login, { host: a.host, body: { email: a.admin.email, password: PASSWORD } });
    const noCsrf = await call(patchSettings, { host: a.host, cookies: session.cookies, method: 'PATCH', body: { sumsubLevelName: 'csrf-less' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.code).toBe('csrf_failed');
    expect((await resolved(a)).settings.kyc).not.toMatchObject({ sumsubLevelName: 'csrf-less' });
  });

  it('leaves another tenant untouched, and its admin sees only its own credentials', async () => {
    const rowB = await kycRow(b.id);
    expect(rowB.kyc_provider).toBe('manual');
    expect((rowB.settings as { kyc?: unknown }).kyc).toBeUndefined();
    const r = await call(getSettings, { host: b.host, token: await tokenFor(b, b.admin.email) });
    expect(r.json).toMatchObject({ provider: 'manual', sumsubLevelName: 'basic-kyc-level', sumsubEnhancedLevelName: null });
    expect(r.json.providers).toContainEqual({ provider: 'sumsub', configured: false, source: null });
    expect(await settingsAudits(b.id)).toHaveLength(0);
    // A's token does not work on B's host.
    expect((await call(patchSettings, { host: b.host, token: adminA, method: 'PATCH', body: { provider: 'manual' } })).status).toBe(401);
  });
});
