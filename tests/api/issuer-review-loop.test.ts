import { beforeAll, describe, expect, it } from 'vitest';
import { GET as reviewHistory } from '../../src/app/api/deals/[id]/review-history/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { POST as adminDealAction } from '../../src/app/api/admin/deals/[id]/route';
import { PATCH as editDeal } from '../../src/app/api/issuer/deals/[id]/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { GET as investors } from '../../src/app/api/issuer/deals/[id]/investors/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as getProfile, PATCH as patchProfile } from '../../src/app/api/issuer/profile/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Issue 24: a rejected deal keeps its reason, the issuer hears of it, edits the draft and
// resubmits; both sides read the same review history. An issuer edits its legal entity, and a
// verified one goes back to review.

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let otherAdminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let rival: Awaited<ReturnType<typeof makeVerifiedIssuer>>;

beforeAll(async () => {
  [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
  [adminToken, otherAdminToken] = await Promise.all([tokenFor(tenant, tenant.admin.email), tokenFor(other, other.admin.email)]);
  [issuer, rival] = await Promise.all([makeVerifiedIssuer(tenant, adminToken), makeVerifiedIssuer(tenant, adminToken)]);
});

const act = (token: string, id: string, body: object) => call(transition, { host: tenant.host, token, params: { id }, body });
const history = (token: string, id: string, host = tenant.host) => call(reviewHistory, { host, token, params: { id } });
const emailsTo = (to: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('email_outbox').select(['template', 'subject', 'body_text']).where('tenant_id', '=', tenant.id).where('to_address', '=', to).execute());
const auditsOf = (targetId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select(['action', 'actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('target_id', '=', targetId).orderBy('created_at').execute());

async function submittedDraft(title: string): Promise<string> {
  const created = await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title } });
  expect(created.status).toBe(201);
  expect((await act(issuer.token, created.json.id, { action: 'submit' })).status).toBe(200);
  return created.json.id;
}

describe('a rejected deal: reason, notification, edit and resubmission', () => {
  const reason = 'Attach the grid connection agreement and lower the hard cap.';
  let dealId: string;

  beforeAll(async () => {
    dealId = await submittedDraft('Rejected Then Fixed');
    const r = await call(adminDealAction, { host: tenant.host, token: adminToken, params: { id: dealId }, body: { action: 'reject', reason } });
    expect(r.status).toBe(200);
  });

  it('keeps the reason on the draft and in the history, with who and when', async () => {
    const r = await history(issuer.token, dealId);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ dealId, status: 'draft', reviewReason: reason });
    expect(r.json.steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'reject']);
    const [submitted, rejected] = r.json.steps;
    expect(submitted.by.id).toBe(issuer.id);
    expect(rejected).toMatchObject({ action: 'reject', reason, by: { id: tenant.admin.id, name: 'Ada Admin' } });
    expect(Date.parse(rejected.at)).toBeGreaterThanOrEqual(Date.parse(submitted.at));
  });

  it('queues an email to the issuer with the reason, in the same transaction as the rejection', async () => {
    const mails = await emailsTo(issuer.email);
    const rejected = mails.filter((m) => m.template === 'deal_rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.subject).toContain('Rejected Then Fixed');
    expect(rejected[0]!.body_text).toContain(reason);
    expect(rejected[0]!.body_text).toContain(`/issuer/deals/${dealId}`);
  });

  it('a rejection without a reason changes nothing and sends nothing', async () => {
    const id = await submittedDraft('Reason Required');
    const r = await act(adminToken, id, { action: 'reject' });
    expect(r.status).toBe(400);
    expect((await history(issuer.token, id)).json.steps.map((s: { action: string }) => s.action)).toEqual(['submit']);
    expect((await emailsTo(issuer.email)).filter((m) => m.subject.includes('Reason Required'))).toHaveLength(0);
  });

  it('the issuer edits the draft and resubmits; the reason stays in the history only', async () => {
    const edited = await call(editDeal, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { hardCap: '120000' }, method: 'PATCH' });
    expect(edited.status).toBe(200);
    expect(edited.json.hardCap).toMatch(/^120000(\.0+)?$/);
    expect((await act(issuer.token, dealId, { action: 'submit' })).status).toBe(200);
    const r = await history(adminToken, dealId);
    expect(r.json.status).toBe('pending_review');
    expect(r.json.reviewReason).toBeNull();
    expect(r.json.steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'reject', 'submit']);
    expect(r.json.steps[1].reason).toBe(reason);
  });

  it('approval is recorded, mailed to the issuer and audited with the reviewer', async () => {
    expect((await act(adminToken, dealId, { action: 'approve' })).status).toBe(200);
    expect((await history(issuer.token, dealId)).json.steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'reject', 'submit', 'approve']);
    expect((await emailsTo(issuer.email)).filter((m) => m.template === 'deal_approved' && m.subject.includes('Rejected Then Fixed'))).toHaveLength(1);
    const audits = await auditsOf(dealId);
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['deal.submit', 'deal.reject', 'deal.approve']));
    expect(audits.find((a) => a.action === 'deal.reject')).toMatchObject({ actor_id: tenant.admin.id, metadata: expect.objectContaining({ reason }) });
  });

  it('is read by the deal issuer and the reviewers only; another tenant never sees it', async () => {
    const officer = await makeUser(tenant, ['compliance_officer']);
    const investor = await makeUser(tenant, ['investor']);
    expect((await history(await tokenFor(tenant, officer.email), dealId)).status).toBe(200);
    expect((await history(rival.token, dealId)).status).toBe(404);
    expect((await history(await tokenFor(tenant, investor.email), dealId)).status).toBe(403);
    expect((await history(otherAdminToken, dealId, other.host)).status).toBe(404);
    // A token of this tenant is not accepted on another tenant's host.
    expect((await history(adminToken, dealId, other.host)).status).toBe(401);
  });

  it('refuses a malformed deal id with a 400 naming it', async () => {
    const r = await history(adminToken, 'not-a-uuid');
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

describe('the investors of a deal for its issuer', () => {
  it('carry state, verification and totals', async () => {
    const deal = await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Investors Deal' });
    const investor = await makeUser(tenant, ['investor']);
    const invested = await call(invest, { host: tenant.host, token: await tokenFor(tenant, investor.email), params: { id: deal.id }, body: { amount: '400', paymentMethod: 'wire' } });
    expect(invested.status).toBe(201);
    const r = await call(investors, { host: tenant.host, token: issuer.token, params: { id: deal.id } });
    expect(r.status).toBe(200);
    expect(r.json.investors).toEqual([expect.objectContaining({ investorId: investor.id, state: 'pending', kycStatus: 'not_started', verificationLevel: expect.any(String), pending: '400.00' })]);
    expect(r.json.totals).toEqual({ investors: 1, confirmed: '0.00', pending: '400.00' });
    expect((await call(investors, { host: tenant.host, token: rival.token, params: { id: deal.id } })).status).toBe(404);
  });
});

describe('the issuer edits its profile and legal entity', () => {
  const patch = (token: string, body: unknown, host = tenant.host) => call(patchProfile, { host, token, body, method: 'PATCH' });

  it('a change to the public profile only keeps the verification', async () => {
    const r = await patch(issuer.token, { profile: { displayName: 'Sunny Fields Energy', website: 'https://sunny.example' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'verified', profile: { displayName: 'Sunny Fields Energy', website: 'https://sunny.example' } });
  });

  it('saving the legal entity unchanged is no change', async () => {
    const current = (await call(getProfile, { host: tenant.host, token: issuer.token })).json;
    const r = await patch(issuer.token, { legalEntity: { name: current.legalEntity.name, jurisdiction: current.legalEntity.jurisdiction } });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('verified');
  });

  it('a changed legal entity of a verified issuer goes back to review, audited, and blocks submissions until verified again', async () => {
    const r = await patch(issuer.token, { legalEntity: { registrationNumber: 'NEW-REG-001', address: { line1: '1 Quay Street', city: 'Bristol', country: 'gb' } } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'pending', reviewReason: null, legalEntity: { registrationNumber: 'NEW-REG-001', address: { line1: '1 Quay Street', city: 'Bristol', country: 'GB' } } });
    const audits = await auditsOf(issuer.issuerId);
    expect(audits.at(-1)).toMatchObject({ action: 'issuer.updated', actor_id: issuer.id, metadata: expect.objectContaining({ backToReview: true, from: 'verified', legalEntityFields: ['registrationNumber', 'address'] }) });
    const draft = await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title: 'Waits For Verification' } });
    const submit = await act(issuer.token, draft.json.id, { action: 'submit' });
    expect(submit.status).toBe(403);
    expect(submit.json.code).toBe('issuer_not_verified');
  });

  it("refuses another issuer's registration in this tenant with 409", async () => {
    const theirs = (await call(getProfile, { host: tenant.host, token: rival.token })).json.legalEntity;
    const r = await patch(issuer.token, { legalEntity: { jurisdiction: theirs.jurisdiction, registrationNumber: theirs.registrationNumber } });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('legal_entity_exists');
  });

  it.each([
    [{ legalEntity: { jurisdiction: 'narnia' } }, 'legalEntity.jurisdiction'],
    [{ legalEntity: { registrationNumber: '' } }, 'legalEntity.registrationNumber'],
    [{ legalEntity: { address: { country: 'GBR' } } }, 'legalEntity.address.country'],
    [{ legalEntity: { entityType: 'empire' } }, 'legalEntity.entityType'],
    [{ profile: { website: 'ftp://x.example' } }, 'profile.website'],
    [{ legalEntity: { status: 'verified' } }, 'legalEntity'],
    [{}, '(body)'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const r = await patch(issuer.token, body);
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('is for issuers of this tenant only', async () => {
    const investor = await makeUser(tenant, ['investor']);
    expect((await patch(await tokenFor(tenant, investor.email), { profile: { displayName: 'Nope' } })).status).toBe(403);
    expect((await patch(issuer.token, { profile: { displayName: 'Nope' } }, other.host)).status).toBe(401);
    const noProfile = await makeUser(tenant, ['issuer']);
    const r = await patch(await tokenFor(tenant, noProfile.email), { profile: { displayName: 'Nope' } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('issuer_profile_required');
  });
});
