import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as listChanges, POST as recordChange } from '../../src/app/api/issuer/deals/[id]/material-changes/route';
import { POST as reconfirm } from '../../src/app/api/investments/[id]/reconfirm/route';
import { GET as myReconfirmations } from '../../src/app/api/investor/reconfirmations/route';
import { POST as cancel } from '../../src/app/api/investments/[id]/cancel/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { runComplianceSweep } from '../../src/server/compliance/sweep';
import { reconfirmationDeadline } from '../../src/server/compliance/reg-cf-material-change';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { acknowledgeRegCfEducation } from '../helpers/compliance';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';
import { notifiedMail } from '../helpers/notified-mail';

// 227.304: cancellation of a Reg CF commitment with money in escrow (refunded through the escrow
// module) and reconfirmation after a material change (five business days, else cancelled).

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuerToken: string;
let otherIssuerToken: string;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const DECLARED_US = { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person', annualIncome: '50000', netWorth: '80000' };

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  otherIssuerToken = (await makeVerifiedIssuer(other, await tokenFor(other, other.admin.email))).token;
});

async function investor() {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  await acknowledgeRegCfEducation(tenant, token);
  await call(putDeclaration, { host: tenant.host, token, method: 'PUT', body: DECLARED_US });
  return { ...u, token };
}
const put = (dealId: string, token: string, amount = '100') => call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
const change = (dealId: string, body: Record<string, unknown>, token = issuerToken, host = tenant.host) => call(recordChange, { host, token, params: { id: dealId }, body });
const escrowOf = (investmentId: string) =>
  withTenant(tenant.id, null, async (t) => {
    const e = await t.tx.selectFrom('escrow_investments').select(['id', 'status']).where('tenant_id', '=', tenant.id).where('investment_id', '=', investmentId).executeTakeFirstOrThrow();
    const refund = await t.tx.selectFrom('escrow_refunds').select(['reason', 'note']).where('tenant_id', '=', tenant.id).where('escrow_id', '=', e.id).executeTakeFirst();
    return { status: e.status, refund };
  });
const statusOf = (investmentId: string) =>
  withTenant(tenant.id, null, async (t) => (await t.tx.selectFrom('investments').select('status').where('tenant_id', '=', tenant.id).where('id', '=', investmentId).executeTakeFirstOrThrow()).status);

describe('cancelling a Reg CF commitment whose money is in escrow (227.304(a))', () => {
  it('refunds the escrow through the escrow module until 48 hours before the deadline, and refuses after', async () => {
    const inv = await investor();
    const open = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, endsAt: new Date(Date.now() + 48 * HOUR + 60_000).toISOString() });
    const closing = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, endsAt: new Date(Date.now() + 48 * HOUR - 60_000).toISOString() });
    const a = await put(open.id, inv.token);
    const b = await put(closing.id, inv.token);
    expect([await statusOf(a.json.investment.id), await statusOf(b.json.investment.id)]).toEqual(['pending_kyc', 'pending_kyc']);
    expect((await escrowOf(a.json.investment.id)).status).toBe('held');

    const cancelled = await call(cancel, { host: tenant.host, token: inv.token, params: { id: a.json.investment.id }, body: { reason: 'changed my mind' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.investment.status).toBe('refunded');
    expect(await escrowOf(a.json.investment.id)).toEqual({ status: 'refunded', refund: { reason: 'manual', note: 'changed my mind' } });

    const refused = await call(cancel, { host: tenant.host, token: inv.token, params: { id: b.json.investment.id }, body: {} });
    expect(refused.json.code).toBe('reg_cf_cancellation_closed');
    expect((await escrowOf(b.json.investment.id)).status).toBe('held');
  });
});

describe('reconfirmation after a material change (227.304(c))', () => {
  it('asks every commitment to reconfirm within five business days; the sweep cancels and refunds the others just after', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'] }, endsAt: new Date(Date.now() + 60 * DAY).toISOString() });
    const [keep, silent, leaver] = [await investor(), await investor(), await investor()];
    const ids = [];
    for (const i of [keep, silent, leaver]) ids.push((await put(deal.id, i.token)).json.investment.id as string);
    const [keepId, silentId, leaverId] = ids as [string, string, string];

    const bad = await change(deal.id, { kinds: ['price'], description: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['description', 'kinds.0']);
    // Another tenant's issuer does not see the deal.
    expect((await change(deal.id, { kinds: ['valuation'], description: 'The pre-money valuation drops to $4M.' }, otherIssuerToken, other.host)).status).toBe(404);

    const before = Date.now();
    const made = await change(deal.id, { kinds: ['valuation', 'use_of_proceeds'], description: 'The pre-money valuation drops to $4M and proceeds also fund a second site.' });
    expect(made.status).toBe(201);
    expect(made.json.commitmentsNotified).toBe(3);
    const due = new Date(made.json.reconfirmBy);
    expect(due.getTime()).toBeGreaterThanOrEqual(reconfirmationDeadline(new Date(before)).getTime());
    expect(due.getTime() - before).toBeGreaterThanOrEqual(5 * DAY);
    expect(await notifiedMail(tenant.id, silent.email, 'investment.reconfirmation_required')).toEqual([expect.objectContaining({ body_text: expect.stringContaining('227.304(c)') })]);
    expect((await call(myReconfirmations, { host: tenant.host, token: silent.token })).json.reconfirmations).toEqual([
      expect.objectContaining({ investmentId: silentId, dealId: deal.id, kinds: ['valuation', 'use_of_proceeds'], dueAt: due.toISOString() }),
    ]);

    expect((await call(reconfirm, { host: tenant.host, token: keep.token, params: { id: keepId }, body: {} })).json.errors).toEqual([expect.objectContaining({ field: 'reconfirm' })]);
    expect((await call(reconfirm, { host: tenant.host, token: silent.token, params: { id: keepId }, body: { reconfirm: true } })).status).toBe(404);
    const ok = await call(reconfirm, { host: tenant.host, token: keep.token, params: { id: keepId }, body: { reconfirm: true } });
    expect(ok.status).toBe(200);
    expect((await call(reconfirm, { host: tenant.host, token: keep.token, params: { id: keepId }, body: { reconfirm: true } })).json.code).toBe('reconfirmation_not_required');
    // Awaiting reconfirmation, the investor may cancel even inside the last 48 hours.
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ ends_at: new Date(Date.now() + HOUR) }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
    const left = await call(cancel, { host: tenant.host, token: leaver.token, params: { id: leaverId }, body: { reason: 'the change' } });
    expect(left.status).toBe(200);
    // Not awaiting one any more (reconfirmed), the 48-hour cut-off applies again.
    expect((await call(cancel, { host: tenant.host, token: keep.token, params: { id: keepId }, body: {} })).json.code).toBe('reg_cf_cancellation_closed');

    // The last instant of the window still belongs to the investor; just after it, the sweep cancels.
    const at = await runComplianceSweep({ now: due, tenantIds: [tenant.id] });
    expect(at.reconfirmationsCancelled).toBe(0);
    expect(await statusOf(silentId)).toBe('pending_kyc');
    const after = await runComplianceSweep({ now: new Date(due.getTime() + 1), tenantIds: [tenant.id] });
    expect(after).toMatchObject({ reconfirmationsCancelled: 1, failures: [] });
    expect(await statusOf(silentId)).toBe('refunded');
    expect(await escrowOf(silentId)).toEqual({ status: 'refunded', refund: { reason: 'manual', note: expect.stringContaining('227.304(c)') } });
    expect(await notifiedMail(tenant.id, silent.email, 'investment.cancelled')).toHaveLength(1);
    expect(await statusOf(keepId)).toBe('pending_kyc');
    expect((await runComplianceSweep({ now: new Date(due.getTime() + DAY), tenantIds: [tenant.id] })).reconfirmationsCancelled).toBe(0);

    const listed = await call(listChanges, { host: tenant.host, token: issuerToken, params: { id: deal.id } });
    expect(listed.json.changes).toEqual([expect.objectContaining({ commitmentsNotified: 3, reconfirmed: 1, cancelled: 2 })]);
  });

  it('keeps the offering open five business days for it, and a commitment awaiting reconfirmation is not sold', async () => {
    const day = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_cf'], formC: { fileNumber: '020-54321', filedOn: day(40) } }, endsAt: new Date(Date.now() + 3 * DAY).toISOString() });
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ approved_at: new Date(Date.now() - 30 * DAY) }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
    const inv = await investor();
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', inv.id).execute());
    const id = (await put(deal.id, inv.token)).json.investment.id as string;

    const tooClose = await change(deal.id, { kinds: ['terms'], description: 'The interest rate changes from 8% to 6%.' });
    expect(tooClose.status).toBe(400);
    expect(tooClose.json.errors).toEqual([expect.objectContaining({ field: 'endsAt', message: expect.stringContaining('227.304(c)') })]);
    const extended = await change(deal.id, { kinds: ['terms'], description: 'The interest rate changes from 8% to 6%.', endsAt: new Date(Date.now() + 20 * DAY).toISOString() });
    expect(extended.status).toBe(201);
    expect(extended.json.kinds).toEqual(['terms', 'deadline']);

    const refused = await call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('reg_cf_reconfirmation_pending');
    expect((await call(reconfirm, { host: tenant.host, token: inv.token, params: { id }, body: { reconfirm: true } })).status).toBe(200);
    expect((await call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} })).status).toBe(200);

    const plain = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
    expect((await change(plain.id, { kinds: ['terms'], description: 'The interest rate changes from 8% to 6%.' })).json.code).toBe('material_change_not_reg_cf');
  });
});
