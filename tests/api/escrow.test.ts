import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listEscrows } from '../../src/app/api/admin/escrow/route';
import { POST as releaseRoute } from '../../src/app/api/admin/escrow/[id]/release/route';
import { POST as refundRoute } from '../../src/app/api/admin/escrow/[id]/refund/route';
import { POST as rejectRoute } from '../../src/app/api/admin/escrow/[id]/reject/route';
import { POST as decide } from '../../src/app/api/compliance/kyc/applications/[id]/decision/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as cancel } from '../../src/app/api/investments/[id]/cancel/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as uploadDocument } from '../../src/app/api/investor/kyc/applications/[id]/documents/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { reservedAmountOf } from '../../src/server/deals/repo';
import { onInvestmentCreated, onKycDecision, runEscrowSweep } from '../../src/server/escrow/service';
import { DECISION_WINDOW_MS, MAX_LIFETIME_MS } from '../../src/server/escrow/state';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';
import { notifiedMail } from '../helpers/notified-mail';

// Escrow while KYC is pending: deadlines on a clock the test controls, release on approval,
// refunds on rejection / timeout / by hand, every movement recorded, roles and isolation.

const SECOND = 1000;
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let issuerA: Awaited<ReturnType<typeof makeVerifiedIssuer>>;

async function investor(tenant = a) {
  const u = await makeUser(tenant, ['investor']);
  return { ...u, token: await tokenFor(tenant, u.email) };
}

async function dealIn(tenant = a, admin = adminA, issuer = issuerA) {
  return makeActiveDeal(tenant, issuer.token, admin, { title: `Escrow deal ${randomBytes(3).toString('hex')}` });
}

async function commit(tenant: TestTenant, token: string, dealId: string, amount = '1000') {
  const r = await call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
  expect(r.status).toBe(201);
  return r.json.investment.id as string;
}

const sweep = (now: Date, tenant = a) => runEscrowSweep({ now, tenantIds: [tenant.id] });

const escrowOf = (tenant: TestTenant, investmentId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_investments').selectAll().where('tenant_id', '=', tenant.id).where('investment_id', '=', investmentId).executeTakeFirst());
const investmentOf = (tenant: TestTenant, id: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').select(['status', 'cancel_reason']).where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow());
const movementsOf = (tenant: TestTenant, escrowId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_transactions').select(['kind', 'amount', 'actor_id']).where('tenant_id', '=', tenant.id).where('escrow_id', '=', escrowId).orderBy('created_at').orderBy('id').execute());
const refundOf = (tenant: TestTenant, escrowId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('escrow_refunds').select(['reason', 'note', 'actor_id']).where('tenant_id', '=', tenant.id).where('escrow_id', '=', escrowId).executeTakeFirst());
const reservedOf = (tenant: TestTenant, dealId: string) =>
  withTenant(tenant.id, null, async (t) => (await t.tx.selectFrom('deals as d').select(reservedAmountOf('d').as('reserved')).where('d.tenant_id', '=', tenant.id).where('d.id', '=', dealId).executeTakeFirstOrThrow()).reserved);
const setKyc = (tenant: TestTenant, userId: string, status: 'approved' | 'rejected' | 'pending') =>
  withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: status }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());

/** The escrow of a fresh pending_kyc investment (opened by the hook invest.ts will call, else by the sweep's backfill). */
async function heldEscrow(tenant = a, dealId?: string) {
  const inv = await investor(tenant);
  const deal = dealId ?? (await dealIn()).id;
  const investmentId = await commit(tenant, inv.token, deal);
  await sweep(new Date(), tenant);
  const e = await escrowOf(tenant, investmentId);
  expect(e).toMatchObject({ status: 'held', investor_id: inv.id, amount: '100000' });
  return { inv, dealId: deal, investmentId, escrow: e! };
}

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  a = await makeTenant();
  b = await makeTenant();
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
  issuerA = await makeVerifiedIssuer(a, adminA);
});

afterAll(async () => {
  await closePools();
});

describe('escrow while KYC is pending', () => {
  it('a pending_kyc commitment is held with a 14-day decision deadline and a 30-day expiry, and its deposit recorded', async () => {
    const { escrow, investmentId } = await heldEscrow();
    expect(escrow.deadline_admin.getTime() - escrow.created_at.getTime()).toBe(DECISION_WINDOW_MS);
    expect(escrow.expires_at.getTime() - escrow.created_at.getTime()).toBe(MAX_LIFETIME_MS);
    expect(await movementsOf(a, escrow.id)).toEqual([{ kind: 'deposit', amount: '100000', actor_id: escrow.investor_id }]);
    // The hook is idempotent: calling it again (or the backfill) opens nothing more.
    const again = await withTenant(a.id, null, (t) => onInvestmentCreated(t, { id: investmentId, investorId: escrow.investor_id, dealId: escrow.deal_id, amount: 100000n, currency: 'USD', status: 'pending_kyc' }));
    expect(again).toBe(false);
    expect(await movementsOf(a, escrow.id)).toHaveLength(1);
  });

  it('alerts the admins exactly at the 14-day deadline, once', async () => {
    const { escrow } = await heldEscrow();
    const deadline = escrow.deadline_admin.getTime();
    await sweep(new Date(deadline - SECOND));
    expect((await escrowOf(a, escrow.investment_id))!.admin_alerted_at).toBeNull();

    const r = await sweep(new Date(deadline));
    expect(r.alerted).toBeGreaterThanOrEqual(1);
    expect((await escrowOf(a, escrow.investment_id))!.admin_alerted_at?.getTime()).toBe(deadline);
    // An admin alert notification, mailed to the admin once.
    const mail = await notifiedMail(a.id, a.admin.email, 'admin.alert');
    expect(mail.some((m) => m.body_text.includes(escrow.id))).toBe(true);
    const count = mail.length;
    await sweep(new Date(deadline + 60 * SECOND));
    expect(await notifiedMail(a.id, a.admin.email, 'admin.alert')).toHaveLength(count);
    // Still held: an alert decides nothing.
    expect((await escrowOf(a, escrow.investment_id))!.status).toBe('held');
  });

  it('refunds by timeout only after the 30-day expiry (as refundAfterTimeout), releasing the deal capacity', async () => {
    const { escrow, investmentId, dealId } = await heldEscrow();
    const expiry = escrow.expires_at.getTime();
    const reservedBefore = BigInt(await reservedOf(a, dealId));

    await sweep(new Date(expiry - SECOND));
    expect((await escrowOf(a, investmentId))!.status).toBe('held');
    // The expiry instant itself still belongs to the decision window, as on chain.
    await sweep(new Date(expiry));
    expect((await escrowOf(a, investmentId))!.status).toBe('held');

    const r = await sweep(new Date(expiry + SECOND));
    expect(r.timedOut).toBeGreaterThanOrEqual(1);
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'timeout', actor_id: null });
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
    expect(BigInt(await reservedOf(a, dealId))).toBe(reservedBefore - 100000n);
    expect((await movementsOf(a, escrow.id)).map((m) => m.kind)).toEqual(['deposit', 'refund']);
    const audit = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select(['actor_id', 'actor_role', 'metadata']).where('tenant_id', '=', a.id).where('action', '=', 'escrow.refunded').where('target_id', '=', escrow.id).executeTakeFirstOrThrow());
    expect(audit).toMatchObject({ actor_id: null, actor_role: 'system', metadata: { reason: 'timeout' } });
  });

  it('KYC approval through the manual review releases the escrow and moves the investment to pending_payment', async () => {
    const { inv, escrow, investmentId } = await heldEscrow();
    const officer = await makeUser(a, ['compliance_officer']);
    const officerToken = await tokenFor(a, officer.email);
    const started = await call(startApplication, { host: a.host, token: inv.token, body: {} });
    const appId = started.json.application.id as string;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
    const req = new Request(`http://${a.host}/api/investor/kyc/applications/${appId}/documents?kind=passport`, {
      method: 'POST',
      headers: { host: a.host, authorization: `Bearer ${inv.token}`, 'content-type': 'application/octet-stream', 'x-cdp-peer-address': '10.8.8.8' },
      body: new Uint8Array(png),
    });
    expect((await uploadDocument(req, { params: Promise.resolve({ id: appId }) })).status).toBe(201);
    const approved = await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'approve', reason: 'passport checked' } });
    expect(approved.status).toBe(200);

    expect((await escrowOf(a, investmentId))!.status).toBe('released');
    expect((await investmentOf(a, investmentId)).status).toBe('pending_payment');
    expect(await movementsOf(a, escrow.id)).toEqual([
      { kind: 'deposit', amount: '100000', actor_id: inv.id },
      { kind: 'release', amount: '100000', actor_id: officer.id },
    ]);
  });

  it('KYC rejection refunds with reason rejection and gives the capacity back', async () => {
    const { inv, escrow, investmentId, dealId } = await heldEscrow();
    const reservedBefore = BigInt(await reservedOf(a, dealId));
    await withTenant(a.id, null, (t) => onKycDecision(t, inv.id, 'rejected'));
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'rejection' });
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
    expect(BigInt(await reservedOf(a, dealId))).toBe(reservedBefore - 100000n);
    expect((await movementsOf(a, escrow.id)).map((m) => m.kind)).toEqual(['deposit', 'refund']);
  });

  it('an approval that arrives after expiry cannot release: the money goes back by timeout', async () => {
    const { inv, escrow, investmentId } = await heldEscrow();
    await withTenant(a.id, null, (t) => onKycDecision(t, inv.id, 'approved', new Date(escrow.expires_at.getTime() + SECOND)));
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'timeout' });
  });

  it('an investor who cancels leaves nothing held: the sweep closes the escrow as a manual refund', async () => {
    const { inv, escrow, investmentId } = await heldEscrow();
    expect((await call(cancel, { host: a.host, token: inv.token, params: { id: investmentId }, body: { reason: 'changed my mind' } })).status).toBe(200);
    await sweep(new Date());
    expect((await escrowOf(a, investmentId))!.status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'manual', note: 'investment cancelled' });
    expect((await investmentOf(a, investmentId)).status).toBe('cancelled');
  });
});

describe('admin escrow API', () => {
  it('lists held escrows with deadlines and days left', async () => {
    const { escrow } = await heldEscrow();
    const r = await call(listEscrows, { host: a.host, token: adminA, path: '/api/admin/escrow?status=held' });
    expect(r.status).toBe(200);
    const row = r.json.escrows.find((e: { id: string }) => e.id === escrow.id);
    expect(row).toMatchObject({ status: 'held', amount: '1000.00', currency: 'USD', deadlineAdmin: escrow.deadline_admin.toISOString(), expiresAt: escrow.expires_at.toISOString(), daysLeftToDecide: 13, daysLeftToExpiry: 29 });
    expect(row.movements.map((m: { kind: string }) => m.kind)).toEqual(['deposit']);
    expect(r.json.escrows.every((e: { status: string }) => e.status === 'held')).toBe(true);
  });

  it('release needs the investor KYC approved; then it releases, audited', async () => {
    const { inv, escrow, investmentId } = await heldEscrow();
    const refused = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('kyc_not_approved');
    expect((await escrowOf(a, investmentId))!.status).toBe('held');

    await setKyc(a, inv.id, 'approved');
    const ok = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { note: 'documents verified offline' } });
    expect(ok.status).toBe(200);
    expect(ok.json.escrow).toMatchObject({ id: escrow.id, status: 'released', investmentStatus: 'pending_payment' });
    expect(ok.json.escrow.movements.map((m: { kind: string }) => m.kind)).toEqual(['deposit', 'release']);
    const again = await call(releaseRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} });
    expect(again.status).toBe(409);
    const audit = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select(['action', 'outcome']).where('tenant_id', '=', a.id).where('target_id', '=', escrow.id).execute());
    expect(audit).toEqual(expect.arrayContaining([{ action: 'escrow.release', outcome: 'denied' }, { action: 'escrow.released', outcome: 'success' }]));
  });

  it('manual refund records the admin and the note; a refund needs a reason', async () => {
    const { escrow, investmentId } = await heldEscrow();
    expect((await call(refundRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} })).status).toBe(400);
    const r = await call(refundRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'deal withdrawn by issuer' } });
    expect(r.status).toBe(200);
    expect(r.json.escrow).toMatchObject({ status: 'refunded', refund: { reason: 'manual', note: 'deal withdrawn by issuer' }, investmentStatus: 'refunded' });
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'manual', actor_id: a.admin.id });
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
  });

  it('reject refunds as a rejection with the admin and the reason, audited; it needs a reason; a decided escrow is a 409; another tenant gets 404', async () => {
    const { escrow, investmentId, dealId } = await heldEscrow();
    expect((await call(rejectRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: {} })).status).toBe(400);
    expect((await call(rejectRoute, { host: b.host, token: adminB, params: { id: escrow.id }, body: { reason: 'cross-tenant attempt' } })).status).toBe(404);
    const r = await call(rejectRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'sanctions screening match confirmed' } });
    expect(r.status).toBe(200);
    expect(r.json.escrow).toMatchObject({ status: 'refunded', refund: { reason: 'rejection', note: 'sanctions screening match confirmed' }, investmentStatus: 'refunded' });
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'rejection', actor_id: a.admin.id });
    expect((await investmentOf(a, investmentId)).status).toBe('refunded');
    expect(await movementsOf(a, escrow.id)).toEqual([expect.objectContaining({ kind: 'deposit' }), expect.objectContaining({ kind: 'refund', amount: '100000', actor_id: a.admin.id })]);
    expect(BigInt(await reservedOf(a, dealId))).toBe(0n);
    const audited = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select(['action', 'actor_id']).where('tenant_id', '=', a.id).where('target_id', '=', escrow.id).where('action', '=', 'escrow.refunded').execute());
    expect(audited).toEqual([{ action: 'escrow.refunded', actor_id: a.admin.id }]);
    expect((await call(rejectRoute, { host: a.host, token: adminA, params: { id: escrow.id }, body: { reason: 'again, twice' } })).status).toBe(409);
  });

  it('investors and compliance officers are refused; another tenant sees nothing and cannot act', async () => {
    const { inv, escrow } = await heldEscrow();
    const officer = await makeUser(a, ['compliance_officer']);
    const officerToken = await tokenFor(a, officer.email);
    for (const token of [inv.token, officerToken]) {
      expect((await call(listEscrows, { host: a.host, token })).status).toBe(403);
      expect((await call(releaseRoute, { host: a.host, token, params: { id: escrow.id }, body: {} })).status).toBe(403);
      expect((await call(refundRoute, { host: a.host, token, params: { id: escrow.id }, body: { reason: 'not mine to refund' } })).status).toBe(403);
      expect((await call(rejectRoute, { host: a.host, token, params: { id: escrow.id }, body: { reason: 'not mine to reject' } })).status).toBe(403);
    }
    const listB = await call(listEscrows, { host: b.host, token: adminB });
    expect(listB.status).toBe(200);
    expect(listB.json.escrows).toEqual([]);
    expect((await call(refundRoute, { host: b.host, token: adminB, params: { id: escrow.id }, body: { reason: 'cross-tenant attempt' } })).status).toBe(404);
    expect((await call(releaseRoute, { host: b.host, token: adminB, params: { id: escrow.id }, body: {} })).status).toBe(404);
    // A token of tenant A is not valid on tenant B's host.
    expect((await call(listEscrows, { host: b.host, token: adminA })).status).toBe(401);
    // B's sweep never touches A's escrows.
    await sweep(new Date(escrow.expires_at.getTime() + SECOND), b);
    expect((await escrowOf(a, escrow.investment_id))!.status).toBe('held');
    expect(await withTenant(b.id, null, (t) => t.tx.selectFrom('escrow_investments').select('id').where('id', '=', escrow.id).execute())).toEqual([]);
  });
});
