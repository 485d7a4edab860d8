import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as postSuitability } from '../../src/app/api/investor/suitability/route';
import { DELETE as dropOwn, GET as getOwn, PUT as putOwn } from '../../src/app/api/investor/compliance/purchaser-counting/route';
import { GET as getFor, PUT as putFor } from '../../src/app/api/compliance/investors/[id]/purchaser-counting/route';
import { GET as summary } from '../../src/app/api/compliance/deals/[id]/summary/route';
import { GET as formDReport } from '../../src/app/api/compliance/reports/deals/[id]/form-d/route';
import { call } from '../helpers/api';
import { acknowledgeDisclosure502b, inviteToDeal, provideDisclosure502b } from '../helpers/compliance';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Rule 501(e): relatives sharing a purchaser's home and entities a purchaser controls count as one
// with them; an entity formed to invest counts each non-accredited owner; at the 35th place.

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let officerToken: string;
const answers = { experience: 'some', income_band: '50k_124k', net_worth_band: '124k_500k', risk_tolerance: 'medium', horizon: '1_5y' };

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  officerToken = await tokenFor(tenant, (await makeUser(tenant, ['compliance_officer'])).email);
});

const put = (dealId: string, token: string) => call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount: '1', paymentMethod: 'wire' } });
const declareOwn = (token: string, body: Record<string, unknown>) => call(putOwn, { host: tenant.host, token, method: 'PUT', body });

describe('the 501(e) counting rules at the 35th non-accredited purchaser (230.501(e), 230.506(b)(2)(i))', () => {
  it('counts household members and controlled entities as one with their purchaser, and each non-accredited owner of an entity formed to invest', async () => {
    const issuer = (await makeVerifiedIssuer(tenant, adminToken)).token;
    const deal = await makeActiveDeal(tenant, issuer, adminToken, { compliance: { regimes: ['reg_d_506b'] }, minTicket: '1' });
    await provideDisclosure502b(tenant, issuer, deal.id);
    async function nonAccredited() {
      const u = await makeUser(tenant);
      const token = await tokenFor(tenant, u.email);
      await call(postSuitability, { host: tenant.host, token, body: { answers } });
      await inviteToDeal(tenant, issuer, deal.id, u.email);
      await acknowledgeDisclosure502b(tenant, token, deal.id);
      return { ...u, token };
    }
    const buyers = await Promise.all(Array.from({ length: 33 }, () => nonAccredited()));
    for (const b of buyers) expect((await put(deal.id, b.token)).status).toBe(201);
    const [spouse, entity, fund, stranger, lodger] = await Promise.all(Array.from({ length: 5 }, () => nonAccredited()));

    // Bad declarations are 400s naming the field, or 409s for links that would chain.
    const half = await call(putFor, { host: tenant.host, token: officerToken, method: 'PUT', params: { id: entity!.id }, body: { kind: 'controlled_entity', countedWithEmail: buyers[1]!.email, ownershipPercent: 50, statement: 'Holding company of the purchaser' } });
    expect(half.status).toBe(400);
    expect(half.json.errors).toEqual([expect.objectContaining({ field: 'ownershipPercent' })]);
    const self = await declareOwn(spouse!.token, { kind: 'household_member', countedWithEmail: spouse!.email, relationship: 'spouse', sharesPrimaryResidence: true, statement: 'We live together' });
    expect(self.json.errors).toEqual([expect.objectContaining({ field: 'countedWithEmail' })]);
    const notHome = await declareOwn(spouse!.token, { kind: 'household_member', countedWithEmail: buyers[0]!.email, relationship: 'spouse', sharesPrimaryResidence: false, statement: 'We live apart' });
    expect(notHome.json.errors).toEqual([expect.objectContaining({ field: 'sharesPrimaryResidence' })]);

    // An entity formed to invest with three non-accredited owners would make 36: refused; with two, it takes the 34th and 35th places.
    expect((await call(putFor, { host: tenant.host, token: officerToken, method: 'PUT', params: { id: fund!.id }, body: { kind: 'formed_to_invest', nonAccreditedOwners: 3, statement: 'SPV formed for this deal' } })).status).toBe(200);
    const tooMany = await put(deal.id, fund!.token);
    expect(tooMany.status).toBe(403);
    expect(tooMany.json.code).toBe('compliance_506b_non_accredited_limit');
    expect(tooMany.json.detail).toContain('230.501(e)(2)');
    expect((await call(putFor, { host: tenant.host, token: officerToken, method: 'PUT', params: { id: fund!.id }, body: { kind: 'formed_to_invest', nonAccreditedOwners: 2, statement: 'SPV formed for this deal' } })).status).toBe(200);
    expect((await put(deal.id, fund!.token)).status).toBe(201);
    expect((await call(summary, { host: tenant.host, token: officerToken, params: { id: deal.id } })).json.reg506b).toMatchObject({ nonAccreditedPurchasers: 35, remaining: 0 });

    // The 36th person alone is refused; a spouse sharing a purchaser's home and an entity a purchaser controls are not counted separately.
    expect((await put(deal.id, stranger!.token)).json.code).toBe('compliance_506b_non_accredited_limit');
    const declared = await declareOwn(spouse!.token, { kind: 'household_member', countedWithEmail: buyers[0]!.email, relationship: 'spouse', sharesPrimaryResidence: true, statement: 'We share our home' });
    expect(declared.status).toBe(200);
    expect(declared.json.declaration).toMatchObject({ kind: 'household_member', countedWithEmail: buyers[0]!.email, recordedRole: 'investor' });
    expect((await call(getOwn, { host: tenant.host, token: spouse!.token })).json.declaration.relationship).toBe('spouse');
    expect((await put(deal.id, spouse!.token)).status).toBe(201);
    expect((await call(putFor, { host: tenant.host, token: officerToken, method: 'PUT', params: { id: entity!.id }, body: { kind: 'controlled_entity', countedWithEmail: buyers[1]!.email, ownershipPercent: 50.01, statement: 'Holding company of the purchaser' } })).status).toBe(200);
    expect((await put(deal.id, entity!.token)).status).toBe(201);
    expect((await call(summary, { host: tenant.host, token: officerToken, params: { id: deal.id } })).json.reg506b.nonAccreditedPurchasers).toBe(35);
    // The Form D report counts them the same way (Form D item 14 follows Regulation D's counting).
    expect((await call(formDReport, { host: tenant.host, token: officerToken, params: { id: deal.id } })).json.reg506b).toMatchObject({ nonAccreditedPurchasers: 35, limit: 35 });

    // A link to someone who did not buy counts alone; links do not chain.
    expect((await declareOwn(lodger!.token, { kind: 'household_member', countedWithEmail: stranger!.email, relationship: 'relative', sharesPrimaryResidence: true, statement: 'We share the same home' })).status).toBe(200);
    expect((await put(deal.id, lodger!.token)).json.code).toBe('compliance_506b_non_accredited_limit');
    expect((await declareOwn(lodger!.token, { kind: 'household_member', countedWithEmail: spouse!.email, relationship: 'spouse_relative', sharesPrimaryResidence: true, statement: 'We share the same home' })).json.code).toBe('counting_link_chain');
    expect((await declareOwn(buyers[0]!.token, { kind: 'household_member', countedWithEmail: buyers[2]!.email, relationship: 'relative', sharesPrimaryResidence: true, statement: 'We share the same home' })).json.code).toBe('counting_link_chain');
    expect((await call(dropOwn, { host: tenant.host, token: lodger!.token, method: 'DELETE' })).json).toEqual({ declaration: null });

    // Investors cannot use the officers' route; another tenant's officer does not see the investor.
    expect((await call(getFor, { host: tenant.host, token: spouse!.token, params: { id: entity!.id } })).status).toBe(403);
    const foreignOfficer = await tokenFor(other, (await makeUser(other, ['compliance_officer'])).email);
    expect((await call(getFor, { host: other.host, token: foreignOfficer, params: { id: entity!.id } })).status).toBe(404);
  }, 90_000);
});
