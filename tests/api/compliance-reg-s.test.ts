import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { GET as dealDetail } from '../../src/app/api/deals/[id]/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { checkTransfer, requireTransferAllowed, TransferBlocked } from '../../src/server/compliance/service';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { acknowledgeRegCfEducation } from '../helpers/compliance';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Regulation S (17 CFR 230.901-905) through the API: the deal's category, the offshore
// transaction at the order, hiding offshore-only deals from U.S. persons, and the transfer gate.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
const DAY = 86_400_000;
const DE = { residenceCountry: 'DE', nationality: 'DE', isUsPerson: false, investorType: 'natural_person' };
const US = { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person' };

async function investor(declaration?: Record<string, unknown>) {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  await acknowledgeRegCfEducation(tenant, token);
  if (declaration) expect((await call(putDeclaration, { host: tenant.host, token, method: 'PUT', body: declaration })).status).toBe(200);
  return { ...u, token };
}
const order = (dealId: string, token: string, extra: Record<string, unknown> = {}) =>
  call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount: '100', paymentMethod: 'wire', ...extra } });
const kycApproved = (userId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
});

describe('the deal’s Regulation S category (230.903(b))', () => {
  it('is required for a Reg S deal (400 naming it), refused without Reg S, and stored with the deal', async () => {
    const missing = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_s'] } } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([expect.objectContaining({ field: 'compliance.regSCategory', message: expect.stringContaining('230.903(b)') })]);
    const wrong = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_s'], regSCategory: 4 } } });
    expect(wrong.json.errors).toEqual([expect.objectContaining({ field: 'compliance.regSCategory' })]);
    const stray = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_cf'], regSCategory: 2 } } });
    expect(stray.json.errors).toEqual([expect.objectContaining({ field: 'compliance.regSCategory' })]);
    const ok = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_s'], regSCategory: 2 } } });
    expect(ok.status).toBe(201);
    expect(ok.json.compliance).toMatchObject({ regimes: ['reg_s'], regSCategory: 2 });
  });
});

describe('offshore transaction at the order (230.903(a)(1))', () => {
  it('needs the order’s location, declared or from a KYC-verified residence, outside the United States', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_s'], regSCategory: 3 } });
    const inv = await investor(DE);
    const unknown = await order(deal.id, inv.token);
    expect(unknown.status).toBe(403);
    expect(unknown.json).toMatchObject({ code: 'compliance_reg_s_order_location_required', rule: 'reg_s' });
    expect(unknown.json.detail).toContain('230.903(a)(1)');
    for (const where of ['US', 'PR']) expect((await order(deal.id, inv.token, { orderCountry: where })).json.code).toBe('compliance_reg_s_order_in_us');
    const bad = await order(deal.id, inv.token, { orderCountry: 'Germany' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'orderCountry' })]);
    expect((await order(deal.id, inv.token, { orderCountry: 'DE' })).status).toBe(201);
    // Once KYC has verified the investor, the residence is where the order comes from unless they say otherwise.
    await kycApproved(inv.id);
    expect((await order(deal.id, inv.token)).status).toBe(201);
    expect((await order(deal.id, inv.token, { orderCountry: 'US' })).json.code).toBe('compliance_reg_s_order_in_us');
  });
});

describe('offshore-only deals are not shown to U.S. persons (230.903(a)(2))', () => {
  it('visitors, U.S. persons and investors who declared nothing do not see a Reg S-only deal; declared non-U.S. persons and staff do; a deal with a U.S. exemption shows to all', async () => {
    const offshore = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_s'], regSCategory: 3 } });
    const both = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf', 'reg_s'], regSCategory: 3 } });
    const sees = async (token?: string) => {
      const list = await call(listDeals, { host: tenant.host, token, path: '/api/deals?limit=100' });
      const ids = list.json.deals.map((d: { id: string }) => d.id);
      const detail = await call(dealDetail, { host: tenant.host, token, params: { id: offshore.id } });
      return { offshore: ids.includes(offshore.id), both: ids.includes(both.id), detail: detail.status };
    };
    expect(await sees()).toEqual({ offshore: false, both: true, detail: 404 });
    expect(await sees((await investor(US)).token)).toEqual({ offshore: false, both: true, detail: 404 });
    expect(await sees((await investor()).token)).toEqual({ offshore: false, both: true, detail: 404 });
    expect(await sees((await investor(DE)).token)).toEqual({ offshore: true, both: true, detail: 200 });
    expect(await sees(adminToken)).toEqual({ offshore: true, both: true, detail: 200 });
  });
});

describe('the Reg S transfer gate the secondary market calls (230.903(b))', () => {
  async function regSHolding(regSCategory: 1 | 2 | 3, assetType = 'equity') {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_s'], regSCategory }, assetType });
    const seller = await investor(DE);
    expect((await order(deal.id, seller.token, { orderCountry: 'DE' })).status).toBe(201);
    return { deal, seller };
  }
  const check = (dealId: string, sellerId: string, buyerId: string, now?: Date) => withTenant(tenant.id, null, (t) => checkTransfer(t, { dealId, sellerId, buyerId, now }));

  it('category 2: no sale to a U.S. person (or an undeclared buyer) until 40 days after the closing; non-U.S. buyers any time', async () => {
    const { deal, seller } = await regSHolding(2);
    const usBuyer = await investor(US);
    const undeclared = await investor();
    const deBuyer = await investor(DE);
    const open = await check(deal.id, seller.id, usBuyer.id);
    expect(open).toMatchObject({ allowed: false, blocking: { code: 'transfer_reg_s_distribution_period', allowedFrom: null } });
    expect(open.blocking!.reason).toContain('230.903(b)');
    expect((await check(deal.id, seller.id, undeclared.id)).allowed).toBe(false);
    expect((await check(deal.id, seller.id, deBuyer.id)).allowed).toBe(true);
    await expect(withTenant(tenant.id, null, (t) => requireTransferAllowed(t, { dealId: deal.id, sellerId: seller.id, buyerId: usBuyer.id }))).rejects.toBeInstanceOf(TransferBlocked);

    expect((await call(transition, { host: tenant.host, token: issuerToken, params: { id: deal.id }, body: { action: 'close' } })).status).toBe(200);
    const row = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('deals').select('closed_at').where('tenant_id', '=', tenant.id).where('id', '=', deal.id).executeTakeFirstOrThrow());
    expect(row.closed_at).toBeInstanceOf(Date);
    const ends = new Date(row.closed_at!.getTime() + 40 * DAY);
    const during = await check(deal.id, seller.id, usBuyer.id, new Date(ends.getTime() - 1));
    expect(during).toMatchObject({ allowed: false, blocking: { allowedFrom: ends.toISOString() } });
    expect((await check(deal.id, seller.id, usBuyer.id, ends)).allowed).toBe(true);
  });

  it('category 1 has no period; a holding bought outside Regulation S is not gated by it', async () => {
    const { deal, seller } = await regSHolding(1);
    const usBuyer = await investor(US);
    expect((await check(deal.id, seller.id, usBuyer.id)).allowed).toBe(true);
    const cf = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const cfSeller = await investor({ ...US, annualIncome: '100000', netWorth: '100000' });
    expect((await order(cf.id, cfSeller.token)).status).toBe(201);
    expect((await check(cf.id, cfSeller.id, usBuyer.id)).results.find((r) => r.gate === 'reg_s_distribution_compliance')).toMatchObject({ allowed: true, code: 'not_reg_s' });
    await expect(check(cf.id, usBuyer.id, cfSeller.id)).rejects.toMatchObject({ code: 'transfer_no_holding' });
  });

  it('Reg CF (227.501(a)): a year from the confirmed payment, only to an accredited buyer', async () => {
    const cf = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'], formC: { fileNumber: '020-12345', filedOn: new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10) } } });
    // Public for 21 days before the sale (227.303(a)(2)).
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ approved_at: new Date(Date.now() - 22 * DAY) }).where('tenant_id', '=', tenant.id).where('id', '=', cf.id).execute());
    const seller = await investor({ ...US, annualIncome: '100000', netWorth: '100000' });
    const buyer = await investor(US);
    await kycApproved(seller.id);
    const bought = await order(cf.id, seller.token);
    const unpaid = await check(cf.id, seller.id, buyer.id);
    expect(unpaid).toMatchObject({ allowed: false, blocking: { code: 'transfer_reg_cf_one_year', allowedFrom: null } });
    expect((await call(confirm, { host: tenant.host, token: adminToken, params: { id: bought.json.investment.id }, body: {} })).status).toBe(200);
    const paid = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').select('confirmed_at').where('tenant_id', '=', tenant.id).where('id', '=', bought.json.investment.id).executeTakeFirstOrThrow());
    const yearOn = new Date(paid.confirmed_at!.getTime());
    yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1);
    expect(await check(cf.id, seller.id, buyer.id, new Date(yearOn.getTime() - 1))).toMatchObject({ allowed: false, blocking: { allowedFrom: yearOn.toISOString() } });
    expect((await check(cf.id, seller.id, buyer.id, yearOn)).allowed).toBe(true);
  });
});
