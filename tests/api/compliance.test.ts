import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { GET as listAccreditations } from '../../src/app/api/compliance/accreditations/route';
import { GET as listChecks } from '../../src/app/api/compliance/checks/route';
import { GET as dealReport } from '../../src/app/api/compliance/reports/deals/[id]/route';
import { GET as dealReportCsv } from '../../src/app/api/compliance/reports/deals/[id]/csv/route';
import { GET as formD } from '../../src/app/api/compliance/reports/deals/[id]/form-d/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { GET as getDeclaration, PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { GET as getSuitability, POST as postSuitability } from '../../src/app/api/investor/suitability/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { acknowledgeDisclosure502b, acknowledgeRegCfEducation, inviteToDeal, provideDisclosure502b } from '../helpers/compliance';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuerToken: string;
let officerToken: string;

const DECLARED_DE = { residenceCountry: 'DE', nationality: 'DE', isUsPerson: false, investorType: 'natural_person', annualIncome: '50000', netWorth: '80000' };

async function investor(t: TestTenant = tenant) {
  const u = await makeUser(t);
  const token = await tokenFor(t, u.email);
  await acknowledgeRegCfEducation(t, token);
  return { ...u, token };
}
const declare = (token: string, body: Record<string, unknown>, t = tenant) => call(putDeclaration, { host: t.host, token, method: 'PUT', body });
const put = (dealId: string, token: string, amount: string, headers: Record<string, string> = {}) =>
  call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' }, headers });
const checksOf = (dealId: string, userId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('compliance_checks').selectAll().where('tenant_id', '=', tenant.id).where('deal_id', '=', dealId).where('user_id', '=', userId).orderBy('created_at').execute());

beforeAll(async () => {
  tenant = await makeTenant({ settings: { compliance: { blockedCountries: ['FR'] } } });
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  const officer = await makeUser(tenant, ['compliance_officer']);
  officerToken = await tokenFor(tenant, officer.email);
});

describe('Rule 506(c) through POST /api/deals/[id]/invest', () => {
  it('blocks an unverified investor with a stable code, keeps the check with every rule’s inputs, and lets them in once verified', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const inv = await investor();

    const blocked = await put(deal.id, inv.token, '1000');
    expect(blocked.status).toBe(403);
    expect(blocked.json).toMatchObject({ code: 'compliance_506c_not_verified', rule: 'reg_d_506c', checkId: expect.any(String) });
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');

    const [check] = await checksOf(deal.id, inv.id);
    expect(check).toMatchObject({ id: blocked.json.checkId, outcome: 'blocked', blocking_rule: 'reg_d_506c', code: 'compliance_506c_not_verified', investment_id: null, amount: '100000' });
    const rules = check!.rules as { rule: string; outcome: string; inputs: Record<string, unknown> }[];
    expect(rules.map((r) => r.rule)).toEqual(['offering_exemption', 'bad_actor', 'geography', 'country_investor_limit', 'tenant_accreditation', 'reg_s', 'reg_d_506c', 'reg_d_506b', 'reg_cf_education', 'reg_cf_issuer_limit', 'reg_a', 'investment_limit', 'verification_level', 'tenant_verification_level']);
    expect(rules.find((r) => r.rule === 'reg_d_506c')).toMatchObject({ outcome: 'fail', inputs: { windowDays: 90, documentVerification: null } });
    // Nothing was reserved by the blocked attempt.
    const none = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').select('id').where('tenant_id', '=', tenant.id).where('deal_id', '=', deal.id).execute());
    expect(none).toEqual([]);

    const submitted = await call(submitAccreditation, { host: tenant.host, token: inv.token, body: { method: 'letter_from_professional', documentReference: 'cid:bafy-letter', documentDate: new Date().toISOString().slice(0, 10), professional: { name: 'Jane CPA', kind: 'cpa' } } });
    expect(submitted.status).toBe(201);
    expect(submitted.json.status).toBe('pending');
    const pending = await call(listAccreditations, { host: tenant.host, token: officerToken, path: '/api/compliance/accreditations?status=pending' });
    expect(pending.json.accreditations.map((a: { id: string }) => a.id)).toContain(submitted.json.id);
    const approved = await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: submitted.json.id }, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'approved', verifiedAt: expect.any(String) });
    const again = await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: submitted.json.id }, body: { decision: 'reject', reason: 'changed my mind' } });
    expect(again.json.code).toBe('accreditation_not_pending');

    const ok = await put(deal.id, inv.token, '1000');
    expect(ok.status).toBe(201);
    const checks = await checksOf(deal.id, inv.id);
    expect(checks).toHaveLength(2);
    expect(checks[1]).toMatchObject({ outcome: 'allowed', investment_id: ok.json.investment.id, investor_accredited: true });

    const listed = await call(listChecks, { host: tenant.host, token: officerToken, path: `/api/compliance/checks?dealId=${deal.id}&userId=${inv.id}` });
    expect(listed.status).toBe(200);
    expect(listed.json.checks.map((c: { outcome: string }) => c.outcome)).toEqual(['allowed', 'blocked']);
    expect(listed.json.checks[1].rules.find((r: { rule: string }) => r.rule === 'reg_d_506c').inputs).toBeDefined();
  });

  it('a blocked attempt with an Idempotency-Key is replayed, not re-evaluated or recorded twice', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    const inv = await investor();
    const first = await put(deal.id, inv.token, '500', { 'idempotency-key': 'k-506c' });
    const second = await put(deal.id, inv.token, '500', { 'idempotency-key': 'k-506c' });
    expect(second.status).toBe(403);
    expect(second.json.checkId).toBe(first.json.checkId);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await checksOf(deal.id, inv.id)).toHaveLength(1);
  });

  it('the $200,000 minimum-investment representation verifies a natural person for that amount only', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] }, hardCap: '5000000', targetAmount: '1000000' });
    const inv = await investor();
    // No income or net worth declared: nothing contradicts the representation (a declaration that does is tested in compliance-rules.test.ts).
    expect((await declare(inv.token, { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person' })).status).toBe(200);
    const rep = await call(submitAccreditation, {
      host: tenant.host,
      token: inv.token,
      body: { method: 'minimum_investment_representation', dealId: deal.id, accredited: true, noThirdPartyFinancing: true, statement: 'I am accredited and nobody finances my minimum investment.' },
    });
    expect(rep.status).toBe(201);
    expect(rep.json.status).toBe('approved');
    expect((await put(deal.id, inv.token, '199999.99')).json.code).toBe('compliance_506c_minimum_investment');
    expect((await put(deal.id, inv.token, '200000')).status).toBe(201);
  });
});

describe('Regulation S, geography and limits through invest', () => {
  it('Reg S blocks a U.S. person and admits a declared non-U.S. person', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_s'], regSCategory: 3 } });
    const us = await investor();
    await declare(us.token, { ...DECLARED_DE, isUsPerson: true });
    const r = await put(deal.id, us.token, '100');
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('compliance_reg_s_us_person');
    const nobody = await investor();
    expect((await put(deal.id, nobody.token, '100')).json.code).toBe('compliance_reg_s_declaration_required');
    const de = await investor();
    await declare(de.token, DECLARED_DE);
    expect((await put(deal.id, de.token, '100')).json.code).toBe('compliance_reg_s_order_location_required');
    expect((await call(invest, { host: tenant.host, token: de.token, params: { id: deal.id }, body: { amount: '100', paymentMethod: 'wire', orderCountry: 'DE' } })).status).toBe(201);
  });

  it('blocks sanctioned residences on any deal, the tenant’s blocked countries, and the deal’s own lists', async () => {
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken);
    const listed = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: [], allowedCountries: ['DE', 'IT'] } });
    const ir = await investor();
    await declare(ir.token, { ...DECLARED_DE, residenceCountry: 'IR' });
    expect((await put(plain.id, ir.token, '100')).json.code).toBe('compliance_geo_blocked');
    const fr = await investor();
    await declare(fr.token, { ...DECLARED_DE, residenceCountry: 'FR' });
    expect((await put(plain.id, fr.token, '100')).json).toMatchObject({ code: 'compliance_geo_blocked', detail: expect.stringContaining('FR') });
    const es = await investor();
    await declare(es.token, { ...DECLARED_DE, residenceCountry: 'ES' });
    expect((await put(plain.id, es.token, '100')).status).toBe(201);
    expect((await put(listed.id, es.token, '100')).json.code).toBe('compliance_geo_blocked');
    const de = await investor();
    await declare(de.token, DECLARED_DE);
    expect((await put(listed.id, de.token, '100')).status).toBe(201);
  });

  it('investors with no declaration still invest in a deal with no regimes or lists, every rule not applicable', async () => {
    const plain = await makeActiveDeal(tenant, issuerToken, adminToken);
    const inv = await investor();
    const r = await put(plain.id, inv.token, '150');
    expect(r.status).toBe(201);
    const [check] = await checksOf(plain.id, inv.id);
    expect(check!.outcome).toBe('allowed');
    expect((check!.rules as { outcome: string }[]).every((x) => x.outcome === 'not_applicable')).toBe(true);
  });

  it('Reg CF limit: a non-accredited investor may reach the 12-month limit across deals, not exceed it', async () => {
    const a = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const b = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] } });
    const inv = await investor();
    expect((await put(a.id, inv.token, '100')).json.code).toBe('compliance_investment_limit_declaration_required');
    // income $50,000, net worth $80,000, $500 elsewhere -> limit $4,000, $3,500 left here
    await declare(inv.token, { ...DECLARED_DE, externalRegCfInvestments: [{ amount: '500', investedOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) }] });
    expect((await put(a.id, inv.token, '2000')).status).toBe(201);
    const over = await put(b.id, inv.token, '1500.01');
    expect(over.status).toBe(403);
    expect(over.json).toMatchObject({ code: 'compliance_investment_limit', rule: 'investment_limit' });
    expect((await put(b.id, inv.token, '1500')).status).toBe(201);
  });

  it('verification level: the deal’s minimum against the investor’s level', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: [], minimumVerificationLevel: 'standard' } });
    const inv = await investor();
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_verification_level');
  });
});

describe('Rule 506(b) through invest', () => {
  it('non-accredited investors need a suitability result of at least the minimum band', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506b'] } });
    const inv = await investor();
    await inviteToDeal(tenant, issuerToken, deal.id, inv.email);
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_506b_suitability');
    const q = await call(getSuitability, { host: tenant.host, token: inv.token });
    expect(q.json.questionnaire.map((x: { id: string }) => x.id)).toEqual(['experience', 'income_band', 'net_worth_band', 'risk_tolerance', 'horizon']);
    const low = await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers: Object.fromEntries(q.json.questionnaire.map((x: { id: string; options: { value: string }[] }) => [x.id, x.options[0]!.value])) } });
    expect(low.status).toBe(201);
    expect(low.json).toMatchObject({ assessment: { score: 0, band: 'low' }, meetsMinimum: false });
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_506b_suitability');
    const bad = await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers: { experience: 'lots' } } });
    expect(bad.status).toBe(400);
    const mid = await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers: Object.fromEntries(q.json.questionnaire.map((x: { id: string; options: { value: string }[] }) => [x.id, x.options[1]!.value])) } });
    expect(mid.json.assessment.band).toBe('medium');
    // Rule 502(b): the disclosure delivered and acknowledged first.
    expect((await put(deal.id, inv.token, '100')).json.code).toBe('compliance_506b_disclosure_required');
    await provideDisclosure502b(tenant, issuerToken, deal.id);
    await acknowledgeDisclosure502b(tenant, inv.token, deal.id);
    expect((await put(deal.id, inv.token, '100')).status).toBe(201);
  });

  it('counts non-accredited purchasers: exactly 35 are admitted, the 36th is blocked, the 35th may invest again', async () => {
    // An issuer of its own: the 35 count across an issuer's 506(b) offerings of the last 90 days (230.152(b)(1)).
    const own = (await makeVerifiedIssuer(tenant, adminToken)).token;
    const deal = await makeActiveDeal(tenant, own, adminToken, { compliance: { regimes: ['reg_d_506b'] }, minTicket: '1' });
    await provideDisclosure502b(tenant, own, deal.id);
    const answers = (await call(getSuitability, { host: tenant.host, token: officerToken })).json.questionnaire.map((x: { id: string; options: { value: string }[] }) => [x.id, x.options[2]?.value ?? x.options[1]!.value]);
    const ok: number[] = [];
    const investors = await Promise.all(Array.from({ length: 36 }, () => investor()));
    for (const [i, inv] of investors.entries()) {
      await call(postSuitability, { host: tenant.host, token: inv.token, body: { answers: Object.fromEntries(answers) } });
      await inviteToDeal(tenant, own, deal.id, inv.email);
      await acknowledgeDisclosure502b(tenant, inv.token, deal.id);
      const r = await put(deal.id, inv.token, '1');
      if (r.status === 201) ok.push(i);
      else expect(r.json.code).toBe('compliance_506b_non_accredited_limit');
    }
    expect(ok).toHaveLength(35);
    expect(ok.at(-1)).toBe(34);
    // The 35th may invest again: already counted.
    expect((await put(deal.id, investors[34]!.token, '1')).status).toBe(201);

    const form = await call(formD, { host: tenant.host, token: officerToken, params: { id: deal.id } });
    expect(form.status).toBe(200);
    expect(form.json).toMatchObject({ currency: 'USD', totalOfferingAmount: '150000.00', totalAmountSold: '0.00', totalCommitted: '36.00', investors: { total: 35, accredited: 0, nonAccredited: 35 }, dateOfFirstSale: expect.any(String) });
  }, 60_000);
});

describe('the community requires accreditation (feature accreditationRequired)', () => {
  it('on: an unaccredited investor is refused even in a Reg CF deal, with the rule named; once accredited, or with the feature off, the investment goes through', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const issuer = (await makeVerifiedIssuer(t, admin)).token;
    const officer = await tokenFor(t, (await makeUser(t, ['compliance_officer'])).email);
    const deal = await makeActiveDeal(t, issuer, admin, { compliance: { regimes: ['reg_cf'] } });
    const inv = await investor(t);
    expect((await declare(inv.token, DECLARED_DE, t)).status).toBe(200);
    const invest1 = (amount: string) => call(invest, { host: t.host, token: inv.token, params: { id: deal.id }, body: { amount, paymentMethod: 'wire' } });
    const features = async (on: boolean) =>
      expect((await call(patchTenant, { host: t.host, method: 'PATCH', path: '/api/admin/tenant', token: admin, body: { features: { accreditationRequired: on } } })).status).toBe(200);

    await features(true);
    const blocked = await invest1('100');
    expect(blocked.status).toBe(403);
    expect(blocked.json).toMatchObject({ code: 'compliance_tenant_accreditation_required', rule: 'tenant_accreditation', detail: expect.stringContaining('accredited investors only') });

    await features(false);
    expect((await invest1('100')).status).toBe(201);

    await features(true);
    const submitted = await call(submitAccreditation, { host: t.host, token: inv.token, body: { method: 'letter_from_professional', documentReference: 'cid:bafy-letter', documentDate: new Date().toISOString().slice(0, 10), professional: { name: 'Jane CPA', kind: 'cpa' } } });
    expect(submitted.status).toBe(201);
    expect((await call(decideAccreditation, { host: t.host, token: officer, params: { id: submitted.json.id }, body: { decision: 'approve' } })).status).toBe(200);
    const ok = await invest1('100');
    expect(ok.status).toBe(201);
  });
});

describe('reports, roles and tenant isolation', () => {
  it('the deal investor report (JSON and CSV) shows KYC level, accreditation and jurisdiction', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken);
    const inv = await investor();
    await declare(inv.token, { ...DECLARED_DE, residenceCountry: 'IT' });
    expect((await put(deal.id, inv.token, '250')).status).toBe(201);
    const r = await call(dealReport, { host: tenant.host, token: officerToken, params: { id: deal.id } });
    expect(r.status).toBe(200);
    expect(r.json.investors).toEqual([expect.objectContaining({ investorId: inv.id, kycStatus: 'not_started', verificationLevel: expect.any(String), accreditedAtSale: false, accreditation: null, residenceCountry: 'IT', isUsPerson: false, pending: '250.00' })]);
    const csv = await call(dealReportCsv, { host: tenant.host, token: adminToken, params: { id: deal.id } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.json).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Accredited at sale');
    expect(lines[1]).toContain(inv.email);
    expect(lines[1]).toContain('IT');
    const audited = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', tenant.id).where('target_id', '=', deal.id).execute());
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['compliance.deal_report_viewed', 'compliance.deal_report_exported']));
  });

  it('investors get 403 on every compliance officer endpoint', async () => {
    const inv = await investor();
    const id = '00000000-0000-7000-8000-000000000000';
    for (const [h, params] of [[listAccreditations, {}], [listChecks, {}], [dealReport, { id }], [dealReportCsv, { id }], [formD, { id }]] as const) {
      const r = await call(h, { host: tenant.host, token: inv.token, params });
      expect(r.status).toBe(403);
      expect(r.json.code).toBe('role_required');
    }
    const d = await call(decideAccreditation, { host: tenant.host, token: inv.token, params: { id }, body: { decision: 'approve' } });
    expect(d.status).toBe(403);
  });

  it('nobody decides their own accreditation', async () => {
    const own = await call(submitAccreditation, { host: tenant.host, token: officerToken, body: { method: 'income_documents', documentReference: 'cid:own', documentDate: new Date().toISOString().slice(0, 10) } });
    const r = await call(decideAccreditation, { host: tenant.host, token: officerToken, params: { id: own.json.id }, body: { decision: 'approve' } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('self_review');
  });

  it('another tenant sees none of this tenant’s declarations, accreditations, checks or deals', async () => {
    const inv = await investor();
    await declare(inv.token, DECLARED_DE);
    const acc = await call(submitAccreditation, { host: tenant.host, token: inv.token, body: { method: 'net_worth_documents', documentReference: 'cid:nw', documentDate: new Date().toISOString().slice(0, 10) } });
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken);
    expect((await put(deal.id, inv.token, '100')).status).toBe(201);

    const otherAdmin = await tokenFor(other, other.admin.email);
    expect((await call(decideAccreditation, { host: other.host, token: otherAdmin, params: { id: acc.json.id }, body: { decision: 'approve' } })).status).toBe(404);
    expect((await call(listChecks, { host: other.host, token: otherAdmin, path: `/api/compliance/checks?dealId=${deal.id}` })).json.checks).toEqual([]);
    expect((await call(listAccreditations, { host: other.host, token: otherAdmin })).json.accreditations).toEqual([]);
    expect((await call(dealReport, { host: other.host, token: otherAdmin, params: { id: deal.id } })).status).toBe(404);
    // A token of this tenant is refused on the other tenant's host.
    expect((await call(getDeclaration, { host: other.host, token: inv.token })).status).toBe(401);
    const otherInv = await investor(other);
    expect((await call(getDeclaration, { host: other.host, token: otherInv.token })).json.declaration).toBeNull();
    expect((await call(getDeclaration, { host: tenant.host, token: inv.token })).json.declaration).toMatchObject({ residenceCountry: 'DE', annualIncome: '50000.00' });
  });

  it('validates declarations, naming the fields', async () => {
    const inv = await investor();
    const r = await declare(inv.token, { residenceCountry: 'Germany', nationality: 'DE', isUsPerson: 'no', investorType: 'person' });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['residenceCountry', 'isUsPerson', 'investorType']));
  });
});
