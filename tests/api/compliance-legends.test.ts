import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as liftStop } from '../../src/app/api/compliance/holdings/[id]/stop-transfer/route';
import { GET as portfolio } from '../../src/app/api/investor/portfolio/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { checkTransfer } from '../../src/server/compliance/service';
import { runComplianceSweep } from '../../src/server/compliance/sweep';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { acknowledgeRegCfEducation } from '../helpers/compliance';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Rule 502(d): each Reg D holding carries the restricted-securities legend and a stop-transfer
// instruction from its sale; the transfer gates honour it until a compliance officer lifts it.

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuerToken: string;
let officerToken: string;
const DAY = 86_400_000;

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  officerToken = await tokenFor(tenant, (await makeUser(tenant, ['compliance_officer'])).email);
});

async function accredited() {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  const a = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) } });
  expect((await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: a.json.id }, body: { decision: 'approve' } })).status).toBe(200);
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', u.id).execute());
  return { ...u, token };
}
const bought = async (dealId: string, token: string) => {
  const r = await call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount: '1000', paymentMethod: 'wire' } });
  expect(r.status).toBe(201);
  expect((await call(confirm, { host: tenant.host, token: adminToken, params: { id: r.json.investment.id }, body: {} })).status).toBe(200);
  return r.json.investment.id as string;
};

describe('Rule 502(d) legends and stop-transfer instructions', () => {
  it('legends each Reg D holding at the sale, shows it in the portfolio, and holds transfers after Rule 144 until compliance lifts it', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const seller = await accredited();
    const buyer = await accredited();
    const id = await bought(deal.id, seller.token);

    const mine = await call(portfolio, { host: tenant.host, token: seller.token });
    const item = mine.json.positions.find((p: { dealId: string }) => p.dealId === deal.id).investments[0];
    expect(item.restriction).toMatchObject({ regime: 'reg_d_506c', stopTransfer: true, legend: expect.stringContaining('RULE 506(c) OF REGULATION D') });
    expect(item.restriction.legend).toContain('230.502(d)');

    // Past the one-year Rule 144 period, the stop-transfer instruction still holds the holding.
    const later = new Date(Date.now() + 400 * DAY);
    const held = await withTenant(tenant.id, null, (t) => checkTransfer(t, { dealId: deal.id, sellerId: seller.id, buyerId: buyer.id, now: later }));
    expect(held.blocking).toMatchObject({ code: 'transfer_stop_transfer_502d', gate: 'reg_d_stop_transfer' });
    expect(held.results.find((r) => r.gate === 'rule_144_holding_period')!.allowed).toBe(true);

    // Only a compliance officer of this tenant lifts it, with a reason.
    expect((await call(liftStop, { host: tenant.host, token: seller.token, params: { id }, body: { reason: 'Rule 144 satisfied, opinion of counsel' } })).status).toBe(403);
    const foreign = await tokenFor(other, (await makeUser(other, ['compliance_officer'])).email);
    expect((await call(liftStop, { host: other.host, token: foreign, params: { id }, body: { reason: 'Rule 144 satisfied, opinion of counsel' } })).status).toBe(404);
    expect((await call(liftStop, { host: tenant.host, token: officerToken, params: { id }, body: { reason: 'ok' } })).json.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const lifted = await call(liftStop, { host: tenant.host, token: officerToken, params: { id }, body: { reason: 'Rule 144 satisfied, opinion of counsel' } });
    expect(lifted.status).toBe(200);
    expect(lifted.json).toMatchObject({ stopTransfer: false, stopLiftReason: 'Rule 144 satisfied, opinion of counsel' });
    expect((await call(liftStop, { host: tenant.host, token: officerToken, params: { id }, body: { reason: 'Rule 144 satisfied, opinion of counsel' } })).json.code).toBe('stop_transfer_already_lifted');
    expect((await withTenant(tenant.id, null, (t) => checkTransfer(t, { dealId: deal.id, sellerId: seller.id, buyerId: buyer.id, now: later }))).allowed).toBe(true);
    // Before the Rule 144 period ends, that gate still refuses.
    expect((await withTenant(tenant.id, null, (t) => checkTransfer(t, { dealId: deal.id, sellerId: seller.id, buyerId: buyer.id }))).blocking!.code).toBe('transfer_rule_144_holding_period');
  });

  it('the compliance sweep writes the legend of a Reg D holding confirmed before legends existed', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const seller = await accredited();
    const r = await call(invest, { host: tenant.host, token: seller.token, params: { id: deal.id }, body: { amount: '1000', paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
    const id = r.json.investment.id as string;
    // Confirmed the old way (before legends): straight in the table, no legend written.
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ status: 'confirmed', confirmed_at: new Date() }).where('tenant_id', '=', tenant.id).where('id', '=', id).execute());
    const legendOf = () => withTenant(tenant.id, null, (t) => t.tx.selectFrom('holding_legends').select(['regime', 'stop_transfer']).where('tenant_id', '=', tenant.id).where('investment_id', '=', id).executeTakeFirst());
    expect(await legendOf()).toBeUndefined();
    expect((await runComplianceSweep({ tenantIds: [tenant.id] })).failures).toEqual([]);
    expect(await legendOf()).toEqual({ regime: 'reg_d_506c', stop_transfer: true });
  });

  it('writes no legend on a Reg CF holding', async () => {
    const day = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'], formC: { fileNumber: '020-54321', filedOn: day(40) } } });
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ approved_at: new Date(Date.now() - 30 * DAY) }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
    const inv = await accredited();
    await acknowledgeRegCfEducation(tenant, inv.token);
    await call(putDeclaration, { host: tenant.host, token: inv.token, method: 'PUT', body: { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person', annualIncome: '50000', netWorth: '80000' } });
    await bought(deal.id, inv.token);
    const mine = await call(portfolio, { host: tenant.host, token: inv.token });
    expect(mine.json.positions.find((p: { dealId: string }) => p.dealId === deal.id).investments[0].restriction).toBeNull();
  });
});
