import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getSettings, PATCH as patchSettings } from '../../src/app/api/admin/compliance-settings/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { grantVerificationLevel } from '../../src/server/auth/verification-levels';
import { requireVerificationLevelFor, VerificationLevelRequired } from '../../src/server/compliance/service';
import { withTenant } from '../../src/server/db/tenant';
import { recordProviderHit } from '../../src/server/screening/service';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Tenant rules per action: which verification level browsing, investing (and above an
// amount) and P2P trading need; stored in settings.compliance.verificationLevels.

type Setup = { tenant: TestTenant; adminToken: string; issuerToken: string };
async function setup(): Promise<Setup> {
  const tenant = await makeTenant();
  const adminToken = await tokenFor(tenant, tenant.admin.email);
  return { tenant, adminToken, issuerToken: (await makeVerifiedIssuer(tenant, adminToken)).token };
}
const patch = (s: Setup, body: unknown, token = s.adminToken) => call(patchSettings, { host: s.tenant.host, token, method: 'PATCH', body });
async function investorAt(t: TestTenant, level?: 'basic' | 'standard' | 'enhanced') {
  const u = await makeUser(t);
  if (level) await withTenant(t.id, null, (tx) => grantVerificationLevel(tx, u.id, level, { source: 'test' }));
  return { ...u, token: await tokenFor(t, u.email) };
}

let a: Setup;
let b: Setup;

beforeAll(async () => {
  [a, b] = await Promise.all([setup(), setup()]);
});

describe('settings: verificationLevels', () => {
  it('defaults keep every action open; the admin sets them; bad values are 400 naming the field', async () => {
    const s = await setup();
    expect((await call(getSettings, { host: s.tenant.host, token: s.adminToken })).json.verificationLevels).toEqual({ browse: 'none', invest: 'none', investAbove: null, trade: 'none' });
    const ok = await patch(s, { verificationLevels: { invest: 'basic', investAbove: { level: 'enhanced', amounts: { USD: '1000000', USDC: '10000000000' } }, trade: 'standard' } });
    expect(ok.status).toBe(200);
    expect(ok.json.verificationLevels).toEqual({ browse: 'none', invest: 'basic', investAbove: { level: 'enhanced', amounts: { USD: '1000000', USDC: '10000000000' } }, trade: 'standard' });
    // Only the fields sent change.
    expect((await patch(s, { verificationLevels: { browse: 'basic' } })).json.verificationLevels).toMatchObject({ browse: 'basic', invest: 'basic', trade: 'standard' });

    const bad: [unknown, string][] = [
      [{ browse: 'gold' }, 'verificationLevels.browse'],
      [{ investAbove: { level: 'enhanced', amounts: { USD: '10.50' } } }, 'verificationLevels.investAbove.amounts.USD'],
      [{ investAbove: { level: 'enhanced', amounts: {} } }, 'verificationLevels.investAbove.amounts'],
      [{ investAbove: { level: 'basic', amounts: { USD: '100' } } }, 'verificationLevels.investAbove.level'],
      [{ bogus: 'none' }, 'verificationLevels'],
    ];
    for (const [verificationLevels, field] of bad) {
      const r = await patch(s, { verificationLevels });
      expect(r.status, field).toBe(400);
      expect(r.json.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    // Removing the threshold is allowed.
    expect((await patch(s, { verificationLevels: { investAbove: null } })).json.verificationLevels.investAbove).toBeNull();
  });

  it('only the tenant admin changes them', async () => {
    const officer = await makeUser(a.tenant, ['compliance_officer']);
    expect((await patch(a, { verificationLevels: { browse: 'basic' } }, await tokenFor(a.tenant, officer.email))).status).toBe(403);
    expect((await patch(a, { verificationLevels: { browse: 'basic' } }, (await investorAt(a.tenant)).token)).status).toBe(403);
  });
});

describe('browse: GET /api/deals and /api/deals/[id]', () => {
  it('needs the tenant’s level; visitors get 401 and investors below it 403, both naming the level; staff and other tenants are unaffected', async () => {
    const s = await setup();
    const deal = await makeActiveDeal(s.tenant, s.issuerToken, s.adminToken);
    expect((await call(listDeals, { host: s.tenant.host })).status).toBe(200);
    expect((await patch(s, { verificationLevels: { browse: 'standard' } })).status).toBe(200);

    const visitor = await call(listDeals, { host: s.tenant.host });
    expect(visitor.status).toBe(401);
    expect(visitor.json).toMatchObject({ code: 'verification_level_required', requiredLevel: 'standard', currentLevel: 'none', action: 'browse' });
    const basic = await investorAt(s.tenant, 'basic');
    const list = await call(listDeals, { host: s.tenant.host, token: basic.token });
    expect(list.status).toBe(403);
    expect(list.json).toMatchObject({ code: 'verification_level_required', requiredLevel: 'standard', currentLevel: 'basic' });
    const detail = await call(getDeal, { host: s.tenant.host, token: basic.token, params: { id: deal.id } });
    expect(detail.status).toBe(403);
    expect(detail.json.code).toBe('verification_level_required');

    const verified = await investorAt(s.tenant, 'standard');
    expect((await call(listDeals, { host: s.tenant.host, token: verified.token })).json.deals.map((d: { id: string }) => d.id)).toContain(deal.id);
    expect((await call(getDeal, { host: s.tenant.host, token: verified.token, params: { id: deal.id } })).status).toBe(200);
    expect((await call(listDeals, { host: s.tenant.host, token: s.adminToken })).status).toBe(200);
    expect((await call(getDeal, { host: s.tenant.host, token: s.issuerToken, params: { id: deal.id } })).status).toBe(200);
    // Another tenant keeps its own (default) rule.
    expect((await call(listDeals, { host: b.tenant.host })).status).toBe(200);
  });

  it('an enhanced investor with an open screening hit counts as standard', async () => {
    const s = await setup();
    await patch(s, { verificationLevels: { browse: 'enhanced' } });
    const inv = await investorAt(s.tenant, 'enhanced');
    expect((await call(listDeals, { host: s.tenant.host, token: inv.token })).status).toBe(200);
    await withTenant(s.tenant.id, null, (t) => recordProviderHit(t, inv.id, { provider: 'sumsub', label: 'PEP' }));
    const r = await call(listDeals, { host: s.tenant.host, token: inv.token });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ requiredLevel: 'enhanced', currentLevel: 'standard' });
  });
});

describe('invest: the tenant_verification_level rule', () => {
  it('exactly at the investAbove threshold the invest level is enough; one cent above needs the higher level; every attempt is a compliance check', async () => {
    const s = await setup();
    const deal = await makeActiveDeal(s.tenant, s.issuerToken, s.adminToken);
    await patch(s, { verificationLevels: { invest: 'standard', investAbove: { level: 'enhanced', amounts: { USD: '1000000' } } } });
    const put = (token: string, amount: string) => call(invest, { host: s.tenant.host, token, params: { id: deal.id }, body: { amount, paymentMethod: 'wire' } });

    // A new account has a verified email only (basic).
    const basic = await investorAt(s.tenant);
    const unverified = await put(basic.token, '100');
    expect(unverified.status).toBe(403);
    expect(unverified.json).toMatchObject({ code: 'compliance_verification_level_required', rule: 'tenant_verification_level' });

    const standard = await investorAt(s.tenant, 'standard');
    expect((await put(standard.token, '10000.00')).status).toBe(201);
    const over = await put(standard.token, '10000.01');
    expect(over.status).toBe(403);
    expect(over.json.code).toBe('compliance_verification_level_required');
    expect(over.json.detail).toContain('10000.00 USD');
    expect(over.json.detail).toContain('enhanced');

    const checks = await withTenant(s.tenant.id, null, (t) =>
      t.tx.selectFrom('compliance_checks').select(['outcome', 'code', 'rules']).where('tenant_id', '=', s.tenant.id).where('user_id', '=', standard.id).orderBy('created_at').execute(),
    );
    expect(checks.map((c) => c.outcome)).toEqual(['allowed', 'blocked']);
    const rule = (c: (typeof checks)[number]) => (c.rules as { rule: string; outcome: string; inputs: Record<string, unknown> }[]).find((r) => r.rule === 'tenant_verification_level');
    expect(rule(checks[0]!)).toMatchObject({ outcome: 'pass', inputs: { amountMinor: '1000000', aboveThreshold: false, required: 'standard' } });
    expect(rule(checks[1]!)).toMatchObject({ outcome: 'fail', inputs: { amountMinor: '1000001', aboveThreshold: true, required: 'enhanced', effectiveLevel: 'standard' } });

    const enhanced = await investorAt(s.tenant, 'enhanced');
    expect((await put(enhanced.token, '10000.01')).status).toBe(201);
  });

  it('with the defaults nothing changes for an unverified investor', async () => {
    const deal = await makeActiveDeal(b.tenant, b.issuerToken, b.adminToken);
    const inv = await investorAt(b.tenant);
    expect((await call(invest, { host: b.tenant.host, token: inv.token, params: { id: deal.id }, body: { amount: '500', paymentMethod: 'wire' } })).status).toBe(201);
  });
});

describe('trade: the check the P2P engine will call', () => {
  it('refuses below the tenant’s trade level and lets the level through', async () => {
    const s = await setup();
    await patch(s, { verificationLevels: { trade: 'enhanced' } });
    const tenant = { id: s.tenant.id, settings: { compliance: { verificationLevels: { trade: 'enhanced' } } } };
    const principal = (id: string, role = 'investor') => ({ userId: id, role, roles: [role] }) as unknown as Parameters<typeof requireVerificationLevelFor>[1];
    const std = await investorAt(s.tenant, 'standard');
    const err = await requireVerificationLevelFor(tenant, principal(std.id), 'trade').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerificationLevelRequired);
    expect(err).toMatchObject({ status: 403, code: 'verification_level_required', extra: { action: 'trade', requiredLevel: 'enhanced', currentLevel: 'standard' } });
    const enh = await investorAt(s.tenant, 'enhanced');
    await expect(requireVerificationLevelFor(tenant, principal(enh.id), 'trade')).resolves.toBeUndefined();
    // Staff are not exempt from trading rules.
    await expect(requireVerificationLevelFor(tenant, principal(s.tenant.admin.id, 'tenant_admin'), 'trade')).rejects.toBeInstanceOf(VerificationLevelRequired);
  });
});
