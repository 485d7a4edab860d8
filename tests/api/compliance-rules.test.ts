import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH as patchSettings } from '../../src/app/api/admin/compliance-settings/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { GET as getDeclaration, PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { POST as postSuitability } from '../../src/app/api/investor/suitability/route';
import { GET as deliver502b, POST as acknowledge502b } from '../../src/app/api/investor/deals/[id]/disclosure-502b/route';
import { POST as nameRepresentative } from '../../src/app/api/investor/deals/[id]/purchaser-representative/route';
import { POST as uploadVersion } from '../../src/app/api/documents/[id]/versions/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { GET as featuredDeals } from '../../src/app/api/deals/featured/route';
import { GET as dealDetail } from '../../src/app/api/deals/[id]/route';
import { POST as adminDealAction } from '../../src/app/api/admin/deals/[id]/route';
import { GET as listInvitations, POST as invite } from '../../src/app/api/deals/[id]/invitations/route';
import { GET as getCertification, POST as certify } from '../../src/app/api/issuer/bad-actor-certification/route';
import { POST as createIssuerProfile } from '../../src/app/api/issuer/profile/route';
import { POST as reviewIssuer } from '../../src/app/api/admin/issuers/[id]/review/route';
import { GET as allowance } from '../../src/app/api/investor/compliance/reg-cf-allowance/route';
import { GET as education, POST as acknowledgeEducation } from '../../src/app/api/investor/compliance/reg-cf-education/route';
import { POST as cancel } from '../../src/app/api/investments/[id]/cancel/route';
import { POST as recordAffiliate } from '../../src/app/api/admin/issuers/[id]/affiliates/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { withTenant } from '../../src/server/db/tenant';
import { acknowledgeDisclosure502b, acknowledgeRegCfEducation, inviteToDeal, pdf, provideDisclosure502b, REG_CF_EDUCATION_ACK } from '../helpers/compliance';
import { call } from '../helpers/api';
import { BAD_ACTOR_CERTIFICATION, baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The rules issue 23 fixed or added, each at its boundary, through the HTTP API.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
let officerToken: string;

const DAY = 86_400_000;
const DECLARED_US = { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person', annualIncome: '50000', netWorth: '80000' };

async function investor() {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  await acknowledgeRegCfEducation(tenant, token);
  return { ...u, token };
}
const declare = (token: string, body: Record<string, unknown>) => call(putDeclaration, { host: tenant.host, token, method: 'PUT', body });
const put = (dealId: string, token: string, amount: string) => call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
const submit = (token: string, body: Record<string, unknown>) => call(submitAccreditation, { host: tenant.host, token, body });
const approve = (id: string, body: Record<string, unknown> = {}) => call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id }, body: { decision: 'approve', ...body } });
/** Moves an approved accreditation back in time, as if approved `days` ago with no expiry recorded (as approvals were stored before). */
const ageAccreditation = (id: string, days: number) =>
  withTenant(tenant.id, null, (t) =>
    t.tx.updateTable('accreditation_verifications').set({ verified_at: new Date(Date.now() - days * DAY), expires_at: null }).where('tenant_id', '=', tenant.id).where('id', '=', id).execute(),
  );

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  const officer = await makeUser(tenant, ['compliance_officer']);
  officerToken = await tokenFor(tenant, officer.email);
});

describe('accredited status is derived at each sale (230.501(a))', () => {
  it('an approval without an expiry gets one 365 days on; a reviewer cannot set it later or in the past', async () => {
    const inv = await investor();
    const a = await submit(inv.token, { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) });
    const tooLate = await approve(a.json.id, { expiresAt: new Date(Date.now() + 366 * DAY).toISOString() });
    expect(tooLate.status).toBe(400);
    expect(tooLate.json.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
    const past = await approve(a.json.id, { expiresAt: new Date(Date.now() - DAY).toISOString() });
    expect(past.status).toBe(400);
    const ok = await approve(a.json.id);
    expect(ok.status).toBe(200);
    expect(new Date(ok.json.expiresAt).getTime() - new Date(ok.json.verifiedAt).getTime()).toBeGreaterThanOrEqual(365 * DAY - 1000);
    expect(new Date(ok.json.expiresAt).getTime() - new Date(ok.json.verifiedAt).getTime()).toBeLessThanOrEqual(365 * DAY + 1000);
  });

  it('an accreditation that expired no longer lifts the Reg CF limit, although the profile still says accredited', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, hardCap: '1000000', targetAmount: '500000' });
    const inv = await investor();
    await declare(inv.token, DECLARED_US);
    const a = await submit(inv.token, { method: 'net_worth_documents', documentReference: 'cid:nw', documentDate: new Date().toISOString().slice(0, 10) });
    expect((await approve(a.json.id)).status).toBe(200);
    expect((await put(deal.id, inv.token, '10000')).status).toBe(201);
    // Approved 366 days ago with no expiry recorded (as approvals were stored before): expired.
    await ageAccreditation(a.json.id, 366);
    const r = await put(deal.id, inv.token, '100');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ code: 'compliance_investment_limit', rule: 'investment_limit' });
  });
});

describe('re-verification by written statement (230.506(c)(2)(ii)(E))', () => {
  it('needs a reviewed verification within five years and no declaration to the contrary; then verifies a 506(c) sale', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const inv = await investor();
    const statement = { method: 'reverification_statement', accredited: true, statement: 'I confirm I am still an accredited investor.' };
    expect((await submit(inv.token, statement)).json.code).toBe('reverification_without_prior_verification');

    const docs = await submit(inv.token, { method: 'income_documents', documentReference: 'cid:tax-2021', documentDate: new Date().toISOString().slice(0, 10) });
    await approve(docs.json.id);
    // The documents verification is four years old: expired as status, still a basis for (E).
    await ageAccreditation(docs.json.id, 4 * 365);
    expect((await put(deal.id, inv.token, '1000')).json.code).toBe('compliance_506c_verification_expired');
    const ok = await submit(inv.token, statement);
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ status: 'approved', method: 'reverification_statement', evidence: { priorAccreditationId: docs.json.id } });
    expect((await put(deal.id, inv.token, '1000')).status).toBe(201);

    // Declared income and net worth that contradict the statement: it no longer verifies.
    await declare(inv.token, DECLARED_US);
    expect((await put(deal.id, inv.token, '1000')).json.code).toBe('compliance_506c_contradicted');
    expect((await submit(inv.token, statement)).json.code).toBe('reverification_contradicted');
  });

  it('a verification more than five years old is no basis', async () => {
    const inv = await investor();
    const docs = await submit(inv.token, { method: 'income_documents', documentReference: 'cid:tax-2019', documentDate: new Date().toISOString().slice(0, 10) });
    await approve(docs.json.id);
    await ageAccreditation(docs.json.id, 5 * 365 + 2);
    expect((await submit(inv.token, { method: 'reverification_statement', accredited: true, statement: 'I confirm I am still an accredited investor.' })).json.code).toBe('reverification_without_prior_verification');
  });
});

describe('Reg CF limits a tenant cannot loosen (227.100(a)(2))', () => {
  it('the 5% tier stops at $124,000: income $50,000 and net worth $3,000,000', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, hardCap: '1000000', targetAmount: '500000' });
    const inv = await investor();
    await declare(inv.token, { ...DECLARED_US, netWorth: '3000000' });
    const over = await put(deal.id, inv.token, '124000.01');
    expect(over.status).toBe(403);
    expect(over.json.code).toBe('compliance_investment_limit');
    expect(over.json.detail).toContain('$124,000.00');
    expect((await put(deal.id, inv.token, '124000')).status).toBe(201);
  });

  it('a tenant admin may tighten the figures but gets a 400 naming each field that would loosen them', async () => {
    const patch = (investmentLimit: Record<string, unknown>) => call(patchSettings, { host: tenant.host, token: adminToken, method: 'PATCH', body: { investmentLimit } });
    const r = await patch({ floorUsdCents: '250001', thresholdUsdCents: '12399999', lowerPercent: 6, upperPercent: 11, capUsdCents: '12400001' });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['investmentLimit.capUsdCents', 'investmentLimit.floorUsdCents', 'investmentLimit.lowerPercent', 'investmentLimit.thresholdUsdCents', 'investmentLimit.upperPercent'].sort(),
    );
    expect(r.json.errors.find((e: { field: string }) => e.field === 'investmentLimit.capUsdCents').message).toContain('227.100(a)(2)');
    const ok = await patch({ floorUsdCents: '100000', thresholdUsdCents: '20000000', lowerPercent: 4, upperPercent: 8, capUsdCents: '5000000' });
    expect(ok.status).toBe(200);
    const reset = await patch({ floorUsdCents: '250000', thresholdUsdCents: '12400000', lowerPercent: 5, upperPercent: 10, capUsdCents: '12400000' });
    expect(reset.status).toBe(200);
  });
});

describe('Reg CF 12-month aggregation (227.100(a)(2), 227.303(b)(1))', () => {
  const day = (daysBack: number) => new Date(Date.now() - daysBack * DAY).toISOString().slice(0, 10);

  it('counts only Reg CF purchases: a Reg D or plain investment leaves the Reg CF allowance alone', async () => {
    const cf = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken);
    const inv = await investor();
    await declare(inv.token, DECLARED_US); // limit $4,000
    expect((await put(plain.id, inv.token, '3000')).status).toBe(201);
    expect((await put(cf.id, inv.token, '4000')).status).toBe(201);
    const over = await put(cf.id, inv.token, '100');
    expect(over.json).toMatchObject({ code: 'compliance_investment_limit' });
    expect(over.json.detail).toContain('227.100(a)(2)');
  });

  it('the statement of purchases elsewhere has dates, survives a save that omits it, and stops counting after 12 months', async () => {
    const cf = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const inv = await investor();
    const saved = await declare(inv.token, {
      ...DECLARED_US,
      externalRegCfInvestments: [
        { amount: '1000', investedOn: day(10), intermediary: 'Other Portal LLC' },
        { amount: '2500', investedOn: day(400) },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.json.declaration).toMatchObject({ externalInvestments12m: '1000.00' });
    expect(saved.json.declaration.externalRegCfInvestments).toEqual([
      expect.objectContaining({ amount: '1000.00', investedOn: day(10), intermediary: 'Other Portal LLC', counts: true }),
      expect.objectContaining({ amount: '2500.00', investedOn: day(400), counts: false }),
    ]);
    // A later save without the list keeps it.
    expect((await declare(inv.token, { ...DECLARED_US, netWorth: '80000' })).status).toBe(200);
    expect((await call(getDeclaration, { host: tenant.host, token: inv.token })).json.declaration.externalInvestments12m).toBe('1000.00');
    // $4,000 limit - $1,000 elsewhere = $3,000 here; the 400-day-old entry no longer counts.
    expect((await put(cf.id, inv.token, '3000.01')).json.code).toBe('compliance_investment_limit');
    expect((await put(cf.id, inv.token, '3000')).status).toBe(201);
    // An empty list clears it.
    expect((await declare(inv.token, { ...DECLARED_US, externalRegCfInvestments: [] })).json.declaration.externalRegCfInvestments).toEqual([]);
  });

  it('bad entries get a 400 naming the field', async () => {
    const inv = await investor();
    const r = await declare(inv.token, { ...DECLARED_US, externalRegCfInvestments: [{ amount: '0', investedOn: day(1) }, { amount: '10', investedOn: '2026-13-01' }] });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['externalRegCfInvestments.0.amount', 'externalRegCfInvestments.1.investedOn']));
    const future = await declare(inv.token, { ...DECLARED_US, externalRegCfInvestments: [{ amount: '10', investedOn: day(-2) }] });
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([expect.objectContaining({ field: 'externalRegCfInvestments.0.investedOn' })]);
  });
});

describe('exemptions that cannot be combined (230.152, 230.506)', () => {
  const create = (regimes: string[]) => call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes, ...(regimes.includes('reg_s') ? { regSCategory: 2 } : {}) } } });

  it('a deal with two U.S. exemptions is refused with a 400 naming compliance.regimes; one plus Reg S is accepted', async () => {
    for (const regimes of [['reg_d_506b', 'reg_d_506c'], ['reg_cf', 'reg_d_506b'], ['reg_cf', 'reg_d_506c', 'reg_s']]) {
      const r = await create(regimes);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'compliance_exemptions_combined', errors: [expect.objectContaining({ field: 'compliance.regimes' })] });
    }
    expect((await create(['reg_cf', 'reg_s'])).status).toBe(201);
  });

  it('a deal stored with combined exemptions before the check takes no investment', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ compliance: JSON.stringify({ regimes: ['reg_d_506b', 'reg_d_506c'] }) }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
    const inv = await investor();
    const r = await put(deal.id, inv.token, '100');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ code: 'compliance_exemptions_combined', rule: 'offering_exemption' });
  });

  it('each investor gets the rules of their tranche: the Reg S buyer of a Reg CF + Reg S deal is not held to the Reg CF limit', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf', 'reg_s'], regSCategory: 2 } });
    const de = await investor();
    await declare(de.token, { ...DECLARED_US, residenceCountry: 'DE', nationality: 'DE', isUsPerson: false });
    expect((await call(invest, { host: tenant.host, token: de.token, params: { id: deal.id }, body: { amount: '10000', paymentMethod: 'wire', orderCountry: 'DE' } })).status).toBe(201);
    const us = await investor();
    await declare(us.token, DECLARED_US);
    expect((await put(deal.id, us.token, '10000')).json.code).toBe('compliance_investment_limit');
  });
});

describe('506(c) verification (230.506(c)(2)(ii), SEC staff letter of 12 March 2025)', () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const daysBack = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

  it('the 90-day window runs from the letter’s date, not the approval', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const inv = await investor();
    const old = await submit(inv.token, { method: 'letter_from_professional', documentReference: 'cid:old-letter', documentDate: daysBack(100), professional: { name: 'Jane CPA', kind: 'cpa' } });
    expect((await approve(old.json.id)).status).toBe(200);
    expect((await put(deal.id, inv.token, '1000')).json.code).toBe('compliance_506c_verification_expired');
    const fresh = await submit(inv.token, { method: 'letter_from_professional', documentReference: 'cid:new-letter', documentDate: daysBack(5), professional: { name: 'Jane CPA', kind: 'cpa' } });
    await approve(fresh.json.id);
    expect((await put(deal.id, inv.token, '1000')).status).toBe(201);
  });

  it('documents need their date (400 naming documentDate), not in the future', async () => {
    const inv = await investor();
    const missing = await submit(inv.token, { method: 'net_worth_documents', documentReference: 'cid:nw' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([expect.objectContaining({ field: 'documentDate' })]);
    const future = await submit(inv.token, { method: 'net_worth_documents', documentReference: 'cid:nw', documentDate: daysBack(-3) });
    expect(future.json.errors).toEqual([expect.objectContaining({ field: 'documentDate' })]);
    expect((await submit(inv.token, { method: 'net_worth_documents', documentReference: 'cid:nw', documentDate: today() })).status).toBe(201);
  });

  it('a tenant cannot set the window above three months', async () => {
    const r = await call(patchSettings, { host: tenant.host, token: adminToken, method: 'PATCH', body: { accreditationWindowDays: 91 } });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: 'accreditationWindowDays', message: expect.stringContaining('230.506(c)(2)(ii)') })]);
  });

  it('the minimum-investment representation names its deal and fails against a contradicting declaration', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] }, hardCap: '5000000', targetAmount: '1000000' });
    const inv = await investor();
    const rep = { method: 'minimum_investment_representation', accredited: true, noThirdPartyFinancing: true, statement: 'I am accredited and nobody finances my minimum investment.' };
    const unbound = await submit(inv.token, rep);
    expect(unbound.status).toBe(400);
    expect(unbound.json.errors).toEqual([expect.objectContaining({ field: 'dealId' })]);
    expect((await submit(inv.token, { ...rep, dealId: '00000000-0000-7000-8000-000000000000' })).status).toBe(404);
    expect((await submit(inv.token, { ...rep, dealId: deal.id })).status).toBe(201);
    await declare(inv.token, DECLARED_US); // income $50,000, net worth $80,000
    const r = await put(deal.id, inv.token, '200000');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ code: 'compliance_506c_contradicted', rule: 'reg_d_506c' });
  });
});

describe('Rule 506(b) sophistication and the 502(b) disclosure (230.506(b)(2)(ii), 230.501(i), 230.502(b))', () => {
  const answersWith = (experience: string) => ({ experience, income_band: 'over_250k', net_worth_band: 'over_1m', risk_tolerance: 'high', horizon: 'over_5y' });

  it('wealth and risk answers do not stand in for experience; a purchaser representative does; the disclosure must be delivered and acknowledged, again after it changes', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506b'] } });
    const inv = await investor();
    await inviteToDeal(tenant, issuerToken, deal.id, inv.email);
    const s = await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers: answersWith('none') } });
    expect(s.json).toMatchObject({ assessment: { band: 'high', knowledgeExperiencePoints: 0 }, meetsMinimum: true, meetsKnowledgeExperienceMinimum: false });
    const unsophisticated = await put(deal.id, inv.token, '100');
    expect(unsophisticated.status).toBe(403);
    expect(unsophisticated.json).toMatchObject({ code: 'compliance_506b_sophistication', rule: 'reg_d_506b' });
    expect(unsophisticated.json.detail).toContain('230.506(b)(2)(ii)');

    const rep = { name: 'Robin Adviser', qualifications: 'Registered investment adviser, 15 years of private placements', materialRelationships: 'none', notIssuerAffiliate: true, acknowledged: true };
    const badRep = await call(nameRepresentative, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { ...rep, notIssuerAffiliate: false, qualifications: 'x' } });
    expect(badRep.status).toBe(400);
    expect(badRep.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['notIssuerAffiliate', 'qualifications']);
    expect((await call(nameRepresentative, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: rep })).status).toBe(201);

    const undisclosed = await put(deal.id, inv.token, '100');
    expect(undisclosed.json.code).toBe('compliance_506b_disclosure_required');
    expect(undisclosed.json.detail).toContain('230.502(b)');
    expect((await call(deliver502b, { host: tenant.host, token: inv.token, params: { id: deal.id } })).json.code).toBe('disclosure_502b_not_available');
    const doc = await provideDisclosure502b(tenant, issuerToken, deal.id);
    const zeros = '0'.repeat(64);
    expect((await call(acknowledge502b, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { acknowledged: true, packageSha256: zeros } })).json.code).toBe('disclosure_502b_changed');
    const delivered = await call(deliver502b, { host: tenant.host, token: inv.token, params: { id: deal.id } });
    expect(delivered.json).toMatchObject({ rule: '17 CFR 230.502(b)', acknowledgedAt: null, documents: [expect.objectContaining({ id: doc.id, version: 1 })] });
    // Delivered but not acknowledged: still blocked.
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_506b_disclosure_required');
    const badAck = await call(acknowledge502b, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { acknowledged: false } });
    expect(badAck.status).toBe(400);
    expect(badAck.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['acknowledged', 'packageSha256']);
    const ack = await call(acknowledge502b, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { acknowledged: true, packageSha256: delivered.json.packageSha256 } });
    expect(ack.status).toBe(200);
    expect(ack.json.acknowledgedAt).toEqual(expect.any(String));
    expect((await put(deal.id, inv.token, '100')).status).toBe(201);

    // The issuer changes the disclosure: the acknowledgement of the old one no longer counts.
    const v2 = await call(uploadVersion, { host: tenant.host, token: issuerToken, params: { id: doc.id }, path: `/api/documents/${doc.id}/versions?fileName=disclosure-v2.pdf`, method: 'POST', rawBody: pdf('v2'), headers: { 'content-type': 'application/octet-stream' } });
    expect(v2.status).toBe(201);
    const changed = await put(deal.id, inv.token, '100');
    expect(changed.json.code).toBe('compliance_506b_disclosure_required');
    expect(changed.json.detail).toContain('changed');
    await acknowledgeDisclosure502b(tenant, inv.token, deal.id);
    expect((await put(deal.id, inv.token, '100')).status).toBe(201);
  });

  it('a tenant can ask for more experience but not for none', async () => {
    const r = await call(patchSettings, { host: tenant.host, token: adminToken, method: 'PATCH', body: { suitability: { minimumKnowledgeExperiencePoints: 0 } } });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: 'suitability.minimumKnowledgeExperiencePoints', message: expect.stringContaining('230.506(b)(2)(ii)') })]);
  });
});

describe('no general solicitation for 506(b) (230.502(c))', () => {
  const kycApproved = (userId: string) =>
    withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());
  const ids = (r: { json: { deals: { id: string }[] } }) => r.json.deals.map((d) => d.id);
  const sees = async (dealId: string, token?: string) => {
    const [list, featured, detail] = await Promise.all([
      call(listDeals, { host: tenant.host, token, path: '/api/deals?limit=100' }),
      call(featuredDeals, { host: tenant.host, token, path: '/api/deals/featured?limit=100' }),
      call(dealDetail, { host: tenant.host, token, params: { id: dealId } }),
    ]);
    return { list: ids(list).includes(dealId), featured: ids(featured).includes(dealId), detail: detail.status };
  };

  it('shows a 506(b) deal only to verified members who joined before it opened, invited investors and staff; never to visitors', async () => {
    const before = await investor();
    const beforeUnverified = await investor();
    await kycApproved(before.id);
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506b'] } });
    expect((await call(adminDealAction, { host: tenant.host, token: adminToken, params: { id: deal.id }, body: { action: 'feature' } })).status).toBe(200);
    const after = await investor();
    await kycApproved(after.id);
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken);

    expect(await sees(deal.id)).toEqual({ list: false, featured: false, detail: 404 });
    expect((await sees(plain.id)).list).toBe(true);
    expect(await sees(deal.id, after.token)).toEqual({ list: false, featured: false, detail: 404 });
    expect(await sees(deal.id, beforeUnverified.token)).toEqual({ list: false, featured: false, detail: 404 });
    expect(await sees(deal.id, before.token)).toEqual({ list: true, featured: true, detail: 200 });
    expect(await sees(deal.id, adminToken)).toEqual({ list: true, featured: true, detail: 200 });
    expect(await sees(deal.id, officerToken)).toMatchObject({ list: true, detail: 200 });

    // A direct invest by someone without a relationship is refused, naming the rule.
    const refused = await put(deal.id, after.token, '100');
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'compliance_506b_no_relationship', rule: 'reg_d_506b' });
    expect(refused.json.detail).toContain('230.502(c)');

    // The issuer records the relationship: the deal shows, and the next rule decides.
    await inviteToDeal(tenant, issuerToken, deal.id, after.email);
    expect(await sees(deal.id, after.token)).toEqual({ list: true, featured: true, detail: 200 });
    expect((await put(deal.id, after.token, '100')).json.code).toBe('compliance_506b_suitability');
    const listed = await call(listInvitations, { host: tenant.host, token: issuerToken, params: { id: deal.id } });
    expect(listed.json.invitations).toEqual([expect.objectContaining({ userId: after.id, email: after.email, note: 'existing client' })]);
  });

  it('only the issuer and staff record invitations; an unknown email is a 400 naming it; a deal not under 506(b) takes none', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506b'] } });
    const inv = await investor();
    const other = await investor();
    expect((await call(invite, { host: tenant.host, token: inv.token, params: { id: deal.id }, body: { email: other.email } })).status).toBe(404);
    const unknown = await call(invite, { host: tenant.host, token: issuerToken, params: { id: deal.id }, body: { email: 'nobody@example.com' } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await call(invite, { host: tenant.host, token: adminToken, params: { id: deal.id }, body: { email: inv.email } })).status).toBe(201);
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    expect((await call(invite, { host: tenant.host, token: issuerToken, params: { id: plain.id }, body: { email: inv.email } })).json.code).toBe('invitation_not_applicable');
    expect((await call(listInvitations, { host: tenant.host, token: issuerToken, params: { id: plain.id } })).json).toEqual({ applicable: false, invitations: [] });
    // Nor does it need a 502(b) disclosure: nothing is delivered.
    expect((await call(deliver502b, { host: tenant.host, token: inv.token, params: { id: plain.id } })).json).toMatchObject({ required: false, documents: [] });
  });
});

describe('the 35 non-accredited purchasers across an issuer’s 506(b) offerings within 90 days (230.152(b)(1))', () => {
  const answers = { experience: 'some', income_band: '50k_124k', net_worth_band: '124k_500k', risk_tolerance: 'medium', horizon: '1_5y' };
  async function nonAccredited(dealId: string, issuer: string) {
    const inv = await investor();
    await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers } });
    await inviteToDeal(tenant, issuer, dealId, inv.email);
    await acknowledgeDisclosure502b(tenant, inv.token, dealId);
    return inv;
  }

  it('35 in one offering fill the issuer’s other 506(b) offering too, until the first closed more than 90 days ago; another issuer is not affected', async () => {
    // An issuer of its own: the other tests' 506(b) purchasers of the shared issuer would count too.
    const own = (await makeVerifiedIssuer(tenant, adminToken)).token;
    const first = await makeActiveDeal(tenant, own, adminToken, { compliance: { regimes: ['reg_d_506b'] }, minTicket: '1' });
    const second = await makeActiveDeal(tenant, own, adminToken, { compliance: { regimes: ['reg_d_506b'] }, minTicket: '1' });
    await provideDisclosure502b(tenant, own, first.id);
    await provideDisclosure502b(tenant, own, second.id);
    const buyers = await Promise.all(Array.from({ length: 35 }, () => nonAccredited(first.id, own)));
    for (const b of buyers) expect((await put(first.id, b.token, '1')).status).toBe(201);

    const next = await nonAccredited(second.id, own);
    const refused = await put(second.id, next.token, '1');
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('compliance_506b_non_accredited_limit');
    expect(refused.json.detail).toContain('230.152(b)(1)');
    // One of the 35 buying in the second offering is not counted twice.
    await inviteToDeal(tenant, own, second.id, buyers[0]!.email);
    await acknowledgeDisclosure502b(tenant, buyers[0]!.token, second.id);
    expect((await put(second.id, buyers[0]!.token, '1')).status).toBe(201);

    const otherIssuer = await makeVerifiedIssuer(tenant, adminToken);
    const elsewhere = await makeActiveDeal(tenant, otherIssuer.token, adminToken, { compliance: { regimes: ['reg_d_506b'] }, minTicket: '1' });
    await provideDisclosure502b(tenant, otherIssuer.token, elsewhere.id);
    const theirs = await nonAccredited(elsewhere.id, otherIssuer.token);
    expect((await put(elsewhere.id, theirs.token, '1')).status).toBe(201);

    // The first offering closed 91 days ago: its purchasers no longer count for the second.
    await withTenant(tenant.id, null, (t) =>
      t.tx.updateTable('deals').set({ status: 'closed', closed_at: new Date(Date.now() - 91 * DAY) }).where('tenant_id', '=', tenant.id).where('id', '=', first.id).execute(),
    );
    expect((await put(second.id, next.token, '1')).status).toBe(201);
  }, 90_000);
});

describe('bad-actor certification per issuer (230.506(d), (e); 227.503)', () => {
  it('an issuer without a certification sells nothing under Rule 506 or Reg CF; its certification is recorded and lets the sale through; bad input is a 400 naming the field', async () => {
    const user = await makeUser(tenant, ['issuer']);
    const token = await tokenFor(tenant, user.email);
    const created = await call(createIssuerProfile, {
      host: tenant.host,
      token,
      body: { legalEntity: { name: `Uncertified ${user.id.slice(-6)} Inc`, jurisdiction: 'US-DE', registrationNumber: user.id.slice(-12), entityType: 'corporation' }, profile: { displayName: 'Uncertified' } },
    });
    expect(created.status).toBe(201);
    expect((await call(reviewIssuer, { host: tenant.host, token: adminToken, params: { id: created.json.id }, body: { decision: 'verify', reason: 'documents checked' } })).status).toBe(200);
    const deal = await makeActiveDeal(tenant, token, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const inv = await investor();
    await declare(inv.token, DECLARED_US);
    const refused = await put(deal.id, inv.token, '100');
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'compliance_bad_actor_certification_required', rule: 'bad_actor' });
    expect(refused.json.detail).toContain('227.503');
    expect((await call(getCertification, { host: tenant.host, token })).json.certification).toBeNull();

    const bad = await call(certify, { host: tenant.host, token, body: { coveredPersons: [], noDisqualifyingEvents: false, statement: 'ok' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['coveredPersons', 'noDisqualifyingEvents', 'statement']);
    const ok = await call(certify, { host: tenant.host, token, body: BAD_ACTOR_CERTIFICATION });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ current: true, coveredPersons: BAD_ACTOR_CERTIFICATION.coveredPersons });
    expect((await put(deal.id, inv.token, '100')).status).toBe(201);
    // Append-only: the app cannot rewrite a certification (its one-year boundary is tested in rules/bad-actor.test.ts).
    await expect(withTenant(tenant.id, null, (t) => t.tx.updateTable('issuer_bad_actor_certifications').set({ certified_at: new Date(0) }).where('tenant_id', '=', tenant.id).execute())).rejects.toThrow(/permission denied/);
  });
});

describe('the investor’s Reg CF allowance for the next 12 months (227.100(a)(2))', () => {
  it('is the limit less Reg CF purchases here and stated elsewhere; the invest rule agrees with it to the cent; it says when purchases stop counting', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, hardCap: '1000000', targetAmount: '500000' });
    const inv = await investor();
    expect((await call(allowance, { host: tenant.host, token: inv.token })).json).toMatchObject({ accredited: false, declarationRequired: true, remaining: null });
    const statedOn = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    await declare(inv.token, { ...DECLARED_US, externalRegCfInvestments: [{ amount: '1000', investedOn: statedOn }] });
    expect((await put(deal.id, inv.token, '500')).status).toBe(201);
    const a = (await call(allowance, { host: tenant.host, token: inv.token })).json;
    // 5% of the greater of $50,000 income and $80,000 net worth: $4,000.
    expect(a).toMatchObject({ rule: '17 CFR 227.100(a)(2)', limited: true, limit: '4000.00', investedHere: '500.00', investedElsewhere: '1000.00', remaining: '2500.00' });
    expect(a.frees.map((f: { amount: string }) => f.amount)).toEqual(['1000.00', '500.00']);
    expect(a.frees[0].on.slice(0, 10)).toBe(`${Number(statedOn.slice(0, 4)) + 1}${statedOn.slice(4)}`);
    expect((await put(deal.id, inv.token, '2500.01')).json.code).toBe('compliance_investment_limit');
    expect((await put(deal.id, inv.token, '2500')).status).toBe(201);
    expect((await call(allowance, { host: tenant.host, token: inv.token })).json.remaining).toBe('0.00');
  });

  it('an accredited investor has none', async () => {
    const inv = await investor();
    const a = await submit(inv.token, { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) });
    await approve(a.json.id);
    expect((await call(allowance, { host: tenant.host, token: inv.token })).json).toMatchObject({ accredited: true, limited: false, remaining: null });
  });
});

describe('Reg CF investor education before the first investment (227.302(b), 227.303(b)(2))', () => {
  it('refuses the first Reg CF investment until the investor acknowledged the materials; bad acknowledgements are a 400 naming each field', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const u = await makeUser(tenant);
    const token = await tokenFor(tenant, u.email);
    await declare(token, DECLARED_US);
    const refused = await put(deal.id, token, '100');
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'compliance_reg_cf_education_required', rule: 'reg_cf_education' });
    expect(refused.json.detail).toContain('227.303(b)(2)');
    const material = await call(education, { host: tenant.host, token });
    expect(material.json).toMatchObject({ version: REG_CF_EDUCATION_ACK.version, acknowledgedAt: null });
    expect(material.json.material.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining(['risks', 'resale', 'cancellation', 'limits']));
    const bad = await call(acknowledgeEducation, { host: tenant.host, token, body: { ...REG_CF_EDUCATION_ACK, version: 'v0', canBearLoss: false } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['canBearLoss', 'version']);
    expect((await put(deal.id, token, '100')).json.code).toBe('compliance_reg_cf_education_required');
    await acknowledgeRegCfEducation(tenant, token);
    expect((await call(education, { host: tenant.host, token })).json.acknowledgedAt).toEqual(expect.any(String));
    expect((await put(deal.id, token, '100')).status).toBe(201);
  });
});

describe('Reg CF cancellation until 48 hours before the deadline (227.304(a))', () => {
  it('an investor cancels 48 hours and a minute before the deadline, not 47 hours and 59 minutes before it', async () => {
    const inv = await investor();
    await declare(inv.token, DECLARED_US);
    const HOUR = 3_600_000;
    const open = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, endsAt: new Date(Date.now() + 48 * HOUR + 60_000).toISOString() });
    const closing = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, endsAt: new Date(Date.now() + 48 * HOUR - 60_000).toISOString() });
    const a = await put(open.id, inv.token, '100');
    const b = await put(closing.id, inv.token, '100');
    expect((await call(cancel, { host: tenant.host, token: inv.token, params: { id: a.json.investment.id }, body: { reason: 'changed my mind' } })).status).toBe(200);
    const refused = await call(cancel, { host: tenant.host, token: inv.token, params: { id: b.json.investment.id }, body: { reason: 'changed my mind' } });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('reg_cf_cancellation_closed');
    expect(refused.json.detail).toContain('227.304(a)');
    // A deal not under Reg CF keeps the platform's own cancellation rules.
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken, { endsAt: new Date(Date.now() + HOUR).toISOString() });
    const c = await put(plain.id, inv.token, '100');
    expect((await call(cancel, { host: tenant.host, token: inv.token, params: { id: c.json.investment.id }, body: {} })).status).toBe(200);
  });
});

describe('501(a) categories with their evidence and thresholds (230.501(a))', () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const year = new Date().getUTCFullYear();
  const docs = (method: string, category: unknown, documentDate = today()) => ({ method, documentReference: 'cid:evidence', documentDate, category });

  it('checks each category’s figures at their thresholds, naming the field', async () => {
    const inv = await investor();
    const income = (a: string, b: string, joint: boolean, y = year - 1) => docs('income_documents', { kind: 'income', years: [{ year: y, amount: a, joint }, { year: y - 1, amount: b, joint }] });
    const low = await submit(inv.token, income('200000', '199999.99', false));
    expect(low.status).toBe(400);
    expect(low.json.errors).toEqual([expect.objectContaining({ field: 'category.years.1.amount', message: expect.stringContaining('230.501(a)(6)') })]);
    expect((await submit(inv.token, income('299999.99', '300000', true))).json.errors).toEqual([expect.objectContaining({ field: 'category.years.0.amount' })]);
    expect((await submit(inv.token, income('250000', '250000', false, year - 2))).json.errors).toEqual([expect.objectContaining({ field: 'category.years' })]);
    expect((await submit(inv.token, income('200000', '200000', false))).status).toBe(201);
    expect((await submit(inv.token, income('300000', '300000', true))).status).toBe(201);

    const nw = (amount: string) => docs('net_worth_documents', { kind: 'net_worth', amount, joint: true, primaryResidenceExcluded: true });
    expect((await submit(inv.token, nw('999999.99'))).json.errors).toEqual([expect.objectContaining({ field: 'category.amount', message: expect.stringContaining('230.501(a)(5)') })]);
    expect((await submit(inv.token, nw('1000000'))).status).toBe(201);

    const office = (aum: string) => docs('category_documents', { kind: 'family_office', assetsUnderManagement: aum, formedForThisInvestment: false });
    expect((await submit(inv.token, office('5000000'))).json.errors).toEqual([expect.objectContaining({ field: 'category.assetsUnderManagement', message: expect.stringContaining('230.501(a)(12)') })]);
    expect((await submit(inv.token, office('5000000.01'))).status).toBe(201);
    const entity = (amount: string) => docs('category_documents', { kind: 'entity_investments', amount, formedForThisInvestment: false });
    expect((await submit(inv.token, entity('5000000'))).json.errors).toEqual([expect.objectContaining({ field: 'category.amount' })]);
    expect((await submit(inv.token, entity('5000000.01'))).status).toBe(201);

    expect((await submit(inv.token, docs('category_documents', { kind: 'professional_certification', licence: 'series_6', crdNumber: '123' }))).json.errors).toEqual([expect.objectContaining({ field: 'category.licence' })]);
    expect((await submit(inv.token, { method: 'category_documents', documentReference: 'cid:x', documentDate: today() })).json.errors).toEqual([expect.objectContaining({ field: 'category.kind' })]);
    expect((await submit(inv.token, docs('income_documents', { kind: 'net_worth', amount: '2000000', joint: false, primaryResidenceExcluded: true }))).json.errors).toEqual([expect.objectContaining({ field: 'category.kind' })]);
    const licence = await submit(inv.token, docs('category_documents', { kind: 'professional_certification', licence: 'series_65', crdNumber: '1234567' }));
    expect(licence.status).toBe(201);
    expect(licence.json.evidence.category).toEqual({ kind: 'professional_certification', licence: 'series_65', crdNumber: '1234567' });
    expect((await submit(inv.token, docs('category_documents', { kind: 'knowledgeable_employee', fund: 'Fund I LP', role: 'portfolio manager' }))).status).toBe(201);
  });

  it('the contradiction check knows joint income and licences: neither blocks a minimum-investment representation', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] }, hardCap: '5000000', targetAmount: '1000000' });
    const rep = { method: 'minimum_investment_representation', dealId: deal.id, accredited: true, noThirdPartyFinancing: true, statement: 'I am accredited and nobody finances my minimum investment.' };

    const joint = await investor();
    await declare(joint.token, { ...DECLARED_US, annualIncome: '150000', netWorth: '500000', jointAnnualIncome: '299999.99' });
    expect((await submit(joint.token, rep)).status).toBe(201);
    expect((await put(deal.id, joint.token, '200000')).json.code).toBe('compliance_506c_contradicted');
    await declare(joint.token, { ...DECLARED_US, annualIncome: '150000', netWorth: '500000', jointAnnualIncome: '300000' });
    expect((await call(getDeclaration, { host: tenant.host, token: joint.token })).json.declaration.jointAnnualIncome).toBe('300000.00');
    expect((await put(deal.id, joint.token, '200000')).status).toBe(201);

    // A Series 7 holder verified 100 days ago (too old to verify a 506(c) sale by itself, still current status) with a low income and net worth.
    const broker = await investor();
    await declare(broker.token, DECLARED_US);
    const old = new Date(Date.now() - 100 * DAY).toISOString().slice(0, 10);
    const licence = await submit(broker.token, docs('category_documents', { kind: 'professional_certification', licence: 'series_7', crdNumber: '7654321' }, old));
    expect((await approve(licence.json.id)).status).toBe(200);
    expect((await submit(broker.token, rep)).status).toBe(201);
    expect((await put(deal.id, broker.token, '200000')).status).toBe(201);
  });
});

describe('per-country investor counts configurable per deal', () => {
  it('admits at most the deal’s number of non-accredited investors per listed country; bad settings are a 400 naming the field', async () => {
    const bad = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: [], countryInvestorLimit: { max: 0, countries: ['Germany'] } } } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['compliance.countryInvestorLimit.countries.0', 'compliance.countryInvestorLimit.max']);
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: [], countryInvestorLimit: { max: 2, countries: ['DE'], basis: 'test limit' } } });
    const resident = async (country: string) => {
      const inv = await investor();
      await declare(inv.token, { residenceCountry: country, nationality: country, isUsPerson: false, investorType: 'natural_person' });
      return inv;
    };
    const [a, b, c] = [await resident('DE'), await resident('DE'), await resident('DE')];
    expect((await put(deal.id, a.token, '100')).status).toBe(201);
    expect((await put(deal.id, b.token, '100')).status).toBe(201);
    const third = await put(deal.id, c.token, '100');
    expect(third.status).toBe(403);
    expect(third.json).toMatchObject({ code: 'compliance_country_investor_limit', rule: 'country_investor_limit' });
    expect((await put(deal.id, a.token, '100')).status).toBe(201);
    expect((await put(deal.id, (await resident('FR')).token, '100')).status).toBe(201);
    // An accredited resident is not counted.
    const acc = await resident('DE');
    const docs = await submit(acc.token, { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) });
    await approve(docs.json.id);
    expect((await put(deal.id, acc.token, '100')).status).toBe(201);
  });
});

describe('Regulation A+ as a deal regime (230.251)', () => {
  it('caps the hard cap at the tier’s maximum, and a Tier 2 non-accredited investor at 10% of the greater of income and net worth', async () => {
    const tooBig = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, hardCap: '20000000.01', compliance: { regimes: ['reg_a_tier1'] } } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.errors).toEqual([expect.objectContaining({ field: 'hardCap', message: expect.stringContaining('230.251(a)') })]);
    expect((await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, hardCap: '20000000', compliance: { regimes: ['reg_a_tier1'] } } })).status).toBe(201);
    expect((await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_a_tier2', 'reg_cf'] } } })).json.code).toBe('compliance_exemptions_combined');

    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_a_tier2'] } });
    const inv = await investor();
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_reg_a_declaration_required');
    await declare(inv.token, DECLARED_US); // income $50,000, net worth $80,000: at most $8,000 in the offering
    expect((await put(deal.id, inv.token, '5000')).status).toBe(201);
    const over = await put(deal.id, inv.token, '3000.01');
    expect(over.status).toBe(403);
    expect(over.json).toMatchObject({ code: 'compliance_reg_a_investor_limit', rule: 'reg_a' });
    expect(over.json.detail).toContain('$3,000.00');
    expect((await put(deal.id, inv.token, '3000')).status).toBe(201);
  });
});

describe('Reg CF: $5,000,000 per issuer and its affiliates in 12 months (227.100(a)(1))', () => {
  it('refuses a Reg CF deal above $5,000,000 and a sale that would take the issuer and its affiliate past it', async () => {
    const tooBig = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, hardCap: '5000000.01', compliance: { regimes: ['reg_cf'] } } });
    expect(tooBig.json.errors).toEqual([expect.objectContaining({ field: 'hardCap', message: expect.stringContaining('227.100(a)(1)') })]);
    const a = await makeVerifiedIssuer(tenant, adminToken);
    const b = await makeVerifiedIssuer(tenant, adminToken);
    const bad = await call(recordAffiliate, { host: tenant.host, token: adminToken, params: { id: a.issuerId }, body: { affiliateIssuerId: 'x' } });
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: 'affiliateIssuerId' })]);
    expect((await call(recordAffiliate, { host: tenant.host, token: a.token, params: { id: a.issuerId }, body: { affiliateIssuerId: b.issuerId } })).status).toBe(403);
    const linked = await call(recordAffiliate, { host: tenant.host, token: adminToken, params: { id: a.issuerId }, body: { affiliateIssuerId: b.issuerId } });
    expect(linked.status).toBe(201);
    expect(linked.json.affiliates).toEqual([b.issuerId]);
    const dealA = await makeActiveDeal(tenant, a.token, adminToken, { compliance: { regimes: ['reg_cf'] }, hardCap: '5000000', targetAmount: '4000000', softCap: '1' });
    const dealB = await makeActiveDeal(tenant, b.token, adminToken, { compliance: { regimes: ['reg_cf'] }, hardCap: '5000000', targetAmount: '2000000', softCap: '1' });
    const inv = await investor();
    const docs = await submit(inv.token, { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) });
    await approve(docs.json.id);
    expect((await put(dealA.id, inv.token, '4000000')).status).toBe(201);
    const over = await put(dealB.id, inv.token, '1000000.01');
    expect(over.status).toBe(403);
    expect(over.json).toMatchObject({ code: 'compliance_reg_cf_issuer_limit', rule: 'reg_cf_issuer_limit' });
    expect((await put(dealB.id, inv.token, '1000000')).status).toBe(201);
  });
});

describe('Reg CF: Form C on file and the offering public 21 days before any sale (227.303(a)(2))', () => {
  it('takes commitments at once but confirms (sells) none without a Form C, nor before 21 days after publication', async () => {
    const day = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
    const bad = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, compliance: { regimes: ['reg_cf'], formC: { fileNumber: '021-12345', filedOn: day(-1) } } } });
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['compliance.formC.fileNumber', 'compliance.formC.filedOn']);
    const without = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const withFormC = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'], formC: { fileNumber: '020-54321', filedOn: day(40) } } });
    const inv = await investor();
    await declare(inv.token, DECLARED_US);
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', inv.id).execute());
    const a = await put(without.id, inv.token, '100');
    const b = await put(withFormC.id, inv.token, '100');
    expect([a.status, b.status]).toEqual([201, 201]);
    const confirmIt = (id: string) => call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} });
    const missing = await confirmIt(a.json.investment.id);
    expect(missing.status).toBe(409);
    expect(missing.json.code).toBe('reg_cf_form_c_missing');
    const early = await confirmIt(b.json.investment.id);
    expect(early.json.code).toBe('reg_cf_sale_before_21_days');
    expect(early.json.detail).toContain('227.303(a)(2)');
    const publish = (daysAgo: number) =>
      withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ approved_at: new Date(Date.now() - daysAgo * DAY) }).where('tenant_id', '=', tenant.id).where('id', '=', withFormC.id).execute());
    await publish(21 - 1 / 24);
    expect((await confirmIt(b.json.investment.id)).json.code).toBe('reg_cf_sale_before_21_days');
    await publish(21);
    expect((await confirmIt(b.json.investment.id)).status).toBe(200);
  });
});
