import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getSettings, PATCH as patchSettings } from '../../src/app/api/admin/compliance-settings/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { GET as ownAccreditations, POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let officerToken: string;

const patch = (body: unknown, token = adminToken, t = tenant) => call(patchSettings, { host: t.host, token, method: 'PATCH', body });
const get = (token = adminToken, t = tenant) => call(getSettings, { host: t.host, token });
const storedSettings = (t: TestTenant) =>
  withTenant(t.id, null, async (tx) => (await tx.tx.selectFrom('tenants').select('settings').where('id', '=', t.id).executeTakeFirstOrThrow()).settings as Record<string, any>);

beforeAll(async () => {
  tenant = await makeTenant({ settings: { compliance: { blockedCountries: ['FR'] } } });
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  const officer = await makeUser(tenant, ['compliance_officer']);
  officerToken = await tokenFor(tenant, officer.email);
});

describe('GET/PATCH /api/admin/compliance-settings', () => {
  it('shows the effective settings with defaults, changes only the fields sent, keeps other settings, and audits', async () => {
    const before = await get();
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ allowedCountries: null, blockedCountries: ['FR'], accreditationWindowDays: 90, investmentLimit: { appliesTo: 'reg_cf', lowerPercent: 5 }, suitability: { minimumBand: 'medium' }, screeningThreshold: null });

    const r = await patch({ blockedCountries: ['fr', 'KP'], accreditationWindowDays: 30, investmentLimit: { appliesTo: 'all' }, suitability: { minimumBand: 'high' }, screeningThreshold: 0.9 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ blockedCountries: ['FR', 'KP'], accreditationWindowDays: 30, investmentLimit: { appliesTo: 'all', lowerPercent: 5, upperPercent: 10 }, suitability: { minimumBand: 'high' }, screeningThreshold: 0.9 });
    // The resolved-tenant cache was invalidated: the next request already reads the new values.
    expect((await get()).json).toEqual(r.json);

    const stored = await storedSettings(tenant);
    expect(stored.rateLimits).toEqual({ public: 100_000, authenticated: 100_000, admin: 100_000 });
    expect(stored.compliance).toMatchObject({ blockedCountries: ['FR', 'KP'], accreditationWindowDays: 30, investmentLimit: { appliesTo: 'all' }, suitability: { minimumBand: 'high' } });
    expect(stored.screening).toEqual({ threshold: 0.9 });

    const audited = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', 'compliance.settings_updated').execute(),
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_id: tenant.admin.id, metadata: { fields: ['blockedCountries', 'accreditationWindowDays', 'investmentLimit', 'suitability', 'screeningThreshold'] } });

    // Another tenant is untouched.
    expect((await get(await tokenFor(other, other.admin.email), other)).json).toMatchObject({ blockedCountries: [], accreditationWindowDays: 90, screeningThreshold: null });
  });

  it('refuses bad input with 400 naming the fields, and stores nothing', async () => {
    const before = await storedSettings(tenant);
    const unknown = await patch({ blockedCountries: ['Germany'], investmentLimit: { lowerPercent: 200, sneaky: 1 }, colour: 'red' });
    expect(unknown.status).toBe(400);
    const fields = (unknown.json.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['blockedCountries.0', 'investmentLimit.lowerPercent']));
    expect(JSON.stringify(unknown.json)).toMatch(/colour/);
    expect(JSON.stringify(unknown.json)).toMatch(/sneaky/);

    const band = await patch({ suitability: { minimumBand: 'platinum' } });
    expect(band.status).toBe(400);
    expect(band.json.errors).toEqual([expect.objectContaining({ field: 'suitability.minimumBand' })]);

    const percents = await patch({ investmentLimit: { lowerPercent: 20, upperPercent: 10 } });
    expect(percents.json.errors).toEqual([expect.objectContaining({ field: 'investmentLimit.lowerPercent' })]);
    expect((await patch({ screeningThreshold: 0 })).json.errors).toEqual([expect.objectContaining({ field: 'screeningThreshold' })]);
    expect(await storedSettings(tenant)).toEqual(before);
  });

  it('is for the tenant admin only', async () => {
    expect((await get(officerToken)).status).toBe(403);
    expect((await patch({ accreditationWindowDays: 10 }, officerToken)).status).toBe(403);
    expect((await call(getSettings, { host: tenant.host })).status).toBe(401);
  });
});

describe('accreditation: own list and the accredited level', () => {
  it('an approved accreditation raises the investor to the accredited level with its evidence, and the investor sees status, method and expiry', async () => {
    const inv = await makeUser(tenant);
    const token = await tokenFor(tenant, inv.email);
    expect((await call(ownAccreditations, { host: tenant.host, token })).json).toEqual({ accreditations: [] });

    const submitted = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'income_documents', documentReference: 'cid:bafy-tax-returns', documentDate: new Date().toISOString().slice(0, 10) } });
    const expiresAt = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const approved = await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: submitted.json.id }, body: { decision: 'approve', expiresAt } });
    expect(approved.status).toBe(200);

    const own = await call(ownAccreditations, { host: tenant.host, token });
    expect(own.status).toBe(200);
    expect(own.json.accreditations).toEqual([expect.objectContaining({ id: submitted.json.id, method: 'income_documents', status: 'approved', expiresAt, verifiedAt: expect.any(String) })]);
    expect(own.json.accreditations[0]).not.toHaveProperty('evidence');

    const levels = await withTenant(tenant.id, null, async (t) => ({
      profile: await t.tx.selectFrom('profiles').select('verification_level').where('tenant_id', '=', tenant.id).where('user_id', '=', inv.id).executeTakeFirstOrThrow(),
      granted: await t.tx.selectFrom('user_verification_levels').select(['level', 'evidence']).where('tenant_id', '=', tenant.id).where('user_id', '=', inv.id).execute(),
    }));
    expect(levels.profile.verification_level).toBe('accredited');
    expect(levels.granted).toEqual([
      expect.objectContaining({ level: 'accredited', evidence: expect.objectContaining({ source: 'accreditation', accreditationId: submitted.json.id, method: 'income_documents', evidence: { documentReference: 'cid:bafy-tax-returns', documentDate: new Date().toISOString().slice(0, 10) } }) }),
    ]);
  });

  it('a rejection grants nothing', async () => {
    const inv = await makeUser(tenant);
    const token = await tokenFor(tenant, inv.email);
    const submitted = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'net_worth_documents', documentReference: 'cid:bafy-statements', documentDate: new Date().toISOString().slice(0, 10) } });
    await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: submitted.json.id }, body: { decision: 'reject', reason: 'statements are older than 3 months' } });
    const granted = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('user_verification_levels').select('level').where('tenant_id', '=', tenant.id).where('user_id', '=', inv.id).execute());
    expect(granted).toEqual([]);
    expect((await call(ownAccreditations, { host: tenant.host, token })).json.accreditations).toEqual([expect.objectContaining({ status: 'rejected', decisionReason: 'statements are older than 3 months' })]);
  });
});
