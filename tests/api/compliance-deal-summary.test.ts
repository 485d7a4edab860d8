import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as recordFiling } from '../../src/app/api/compliance/deals/[id]/form-d-filings/route';
import { GET as summary } from '../../src/app/api/compliance/deals/[id]/summary/route';
import { GET as dealReport } from '../../src/app/api/compliance/reports/deals/[id]/route';
import { GET as formD } from '../../src/app/api/compliance/reports/deals/[id]/form-d/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// What a compliance officer sees per deal (issue 23, "Shown to people"): the 506(b) count, the
// Form D deadline and filings (230.503), the bad-actor certification and the Reg S category.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
let officerToken: string;
const DAY = 86_400_000;

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  officerToken = await tokenFor(tenant, (await makeUser(tenant, ['compliance_officer'])).email);
});

async function accreditedInvestor() {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  const a = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) } });
  expect((await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: a.json.id }, body: { decision: 'approve' } })).status).toBe(200);
  return { ...u, token };
}
const get = (id: string, token = officerToken) => call(summary, { host: tenant.host, token, params: { id } });
const file = (id: string, body: Record<string, unknown>) => call(recordFiling, { host: tenant.host, token: officerToken, params: { id }, body });

describe('the compliance summary of a deal', () => {
  it('tracks Form D from the first sale: due 15 days on, overdue past it, recorded filings clear it', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const before = await get(deal.id);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ regimes: ['reg_d_506c'], reg506b: null, regS: null, formD: { firstSaleAt: null, dueOn: null, filed: false, overdue: false }, badActorCertification: { current: true } });

    const inv = await accreditedInvestor();
    const sold = await call(invest, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { amount: '1000', paymentMethod: 'wire' } });
    expect(sold.status).toBe(201);
    // The first sale was 20 days ago: due 15 days on (a weekend moves it at most two days), so overdue.
    const soldAt = new Date(Date.now() - 20 * DAY);
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ created_at: soldAt }).where('tenant_id', '=', tenant.id).where('id', '=', sold.json.investment.id).execute());
    const due = (await get(deal.id)).json.formD;
    expect(due).toMatchObject({ firstSaleAt: soldAt.toISOString(), filed: false });
    expect(due.dueOn < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(due.overdue).toBe(true);

    const bad = await file(deal.id, { kind: 'first', secFileNumber: '12345', filedOn: 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['filedOn', 'kind', 'secFileNumber']);
    expect((await file(deal.id, { kind: 'amendment', secFileNumber: '021-123456', filedOn: '2026-01-05' })).json.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
    const today = new Date().toISOString().slice(0, 10);
    const filed = await file(deal.id, { kind: 'initial', secFileNumber: '021-123456', filedOn: today });
    expect(filed.status).toBe(201);
    expect(filed.json.formD).toMatchObject({ filed: true, filedOn: today, overdue: false, filedLate: true, filings: [expect.objectContaining({ kind: 'initial', secFileNumber: '021-123456' })] });

    // The compliance reports carry it too.
    const form = await call(formD, { host: tenant.host, token: officerToken, params: { id: deal.id } });
    expect(form.json).toMatchObject({ formD: { dueOn: due.dueOn, filed: true }, badActorCertification: { current: true } });
    const report = await call(dealReport, { host: tenant.host, token: officerToken, params: { id: deal.id } });
    expect(report.json.compliance).toMatchObject({ formD: { filed: true }, regimes: ['reg_d_506c'] });
  });

  it('shows the 506(b) count across the issuer’s offerings and the Reg S category; investors get 403; a non-Reg D deal takes no Form D', async () => {
    const d506b = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506b', 'reg_s'], regSCategory: 3 }, assetType: 'debt' });
    const s = await get(d506b.id);
    expect(s.json).toMatchObject({
      reg506b: { nonAccreditedPurchasers: 0, limit: 35, remaining: 35 },
      regS: { category: 3, distributionCompliancePeriod: { days: 40 }, closedAt: null },
      formD: { filed: false },
    });
    const investor = await makeUser(tenant);
    expect((await get(d506b.id, await tokenFor(tenant, investor.email))).status).toBe(403);
    const cf = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    expect((await get(cf.id)).json).toMatchObject({ formD: null, reg506b: null, badActorCertification: { current: true } });
    expect((await file(cf.id, { kind: 'initial', secFileNumber: '021-123456', filedOn: '2026-01-05' })).status).toBe(400);
  });
});
