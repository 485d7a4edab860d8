import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as reviewIssuer } from '../../src/app/api/admin/issuers/[id]/review/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { POST as cancel } from '../../src/app/api/investments/[id]/cancel/route';
import { GET as portfolio } from '../../src/app/api/investor/portfolio/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { POST as createIssuer } from '../../src/app/api/issuer/profile/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let adminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investor: { id: string; email: string; token: string };

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, adminToken);
  const u = await makeUser(tenant);
  investor = { ...u, token: await tokenFor(tenant, u.email) };
});

const move = (id: string, token: string, action: string, reason?: string) => call(transition, { host: tenant.host, token, params: { id }, body: reason ? { action, reason } : { action } });
const draft = async (overrides: Record<string, unknown> = {}, token = issuer.token, t = tenant) => {
  const r = await call(createDeal, { host: t.host, token, body: { ...baseDeal, ...overrides } });
  expect(r.status).toBe(201);
  return r.json as { id: string; slug: string; status: string };
};
const list = (query: string, token?: string, t = tenant) => call(listDeals, { host: t.host, token, path: `/api/deals${query}` });
const investIn = (dealId: string, body: unknown, headers: Record<string, string> = {}, token = investor.token) => call(invest, { host: tenant.host, token, params: { id: dealId }, body, headers });

describe('deal workflow through the API', () => {
  it('draft -> submit (verified issuers only) -> approve (never by the issuer) -> active -> listed -> close / cancel with reason -> archive', async () => {
    const unverified = await makeUser(tenant, ['issuer']);
    const unverifiedToken = await tokenFor(tenant, unverified.email);
    const profile = await call(createIssuer, {
      host: tenant.host,
      token: unverifiedToken,
      body: { legalEntity: { name: 'Pending Co', jurisdiction: 'US', registrationNumber: randomBytes(5).toString('hex'), entityType: 'llc' }, profile: { displayName: 'Pending Co' } },
    });
    expect(profile.status).toBe(201);
    const pendingDeal = await draft({ title: 'Unverified Issuer Deal' }, unverifiedToken);
    const refused = await move(pendingDeal.id, unverifiedToken, 'submit');
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('issuer_not_verified');

    const d = await draft({ title: 'Workflow Orchard Deal' });
    expect(d.status).toBe('draft');
    expect((await move(d.id, issuer.token, 'submit')).json.status).toBe('pending_review');
    const selfApprove = await move(d.id, issuer.token, 'approve');
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.json.code).toBe('transition_forbidden');
    const approved = await move(d.id, adminToken, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'active', approvedAt: expect.any(String) });
    expect((await list('?limit=100')).json.deals.map((x: { id: string }) => x.id)).toContain(d.id);

    const early = await move(d.id, issuer.token, 'mark_funded');
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('soft_cap_not_reached');
    expect((await move(d.id, issuer.token, 'close')).json.status).toBe('closed');
    const noReason = await move(d.id, issuer.token, 'cancel');
    expect(noReason.status).toBe(400);
    expect(noReason.json.code).toBe('reason_required');
    const cancelled = await move(d.id, issuer.token, 'cancel', 'The landowner withdrew');
    expect(cancelled.json).toMatchObject({ status: 'cancelled', reviewReason: 'The landowner withdrew' });
    expect((await move(d.id, issuer.token, 'archive')).json.status).toBe('archived');
  });

  it('an admin who is also the issuer cannot approve their own deal (four eyes)', async () => {
    const both = await makeUser(tenant, ['tenant_admin', 'issuer']);
    const token = await tokenFor(tenant, both.email);
    const created = await call(createIssuer, {
      host: tenant.host,
      token,
      body: { legalEntity: { name: 'Admin Owned Ltd', jurisdiction: 'GB', registrationNumber: randomBytes(5).toString('hex'), entityType: 'corporation' }, profile: { displayName: 'Admin Owned' } },
    });
    await call(reviewIssuer, { host: tenant.host, token: adminToken, params: { id: created.json.id }, body: { decision: 'verify', reason: 'checked' } });
    const d = await draft({ title: 'Admin Own Deal' }, token);
    expect((await move(d.id, token, 'submit')).status).toBe(200);
    const own = await move(d.id, token, 'approve');
    expect(own.status).toBe(403);
    expect(own.json.code).toBe('transition_forbidden');
    expect((await move(d.id, adminToken, 'approve')).json.status).toBe('active');
  });

  it('every action outside its allowed statuses is 409 invalid_transition; rejecting needs a reason', async () => {
    const active = await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Transition Table Deal' });
    const asIssuer = ['submit', 'withdraw', 'archive'];
    const asAdmin = ['approve', 'reject', 'complete'];
    for (const a of asIssuer) expect((await move(active.id, issuer.token, a, 'a reason')).json.code, a).toBe('invalid_transition');
    for (const a of asAdmin) expect((await move(active.id, adminToken, a, 'a reason')).json.code, a).toBe('invalid_transition');

    const d = await draft({ title: 'Archived Table Deal' });
    expect((await move(d.id, issuer.token, 'archive')).json.status).toBe('archived');
    for (const a of ['submit', 'withdraw', 'mark_funded', 'close', 'cancel', 'archive']) {
      const r = await move(d.id, issuer.token, a, 'a reason');
      expect([r.status, r.json.code], a).toEqual([409, 'invalid_transition']);
    }
    for (const a of ['approve', 'reject', 'complete']) expect((await move(d.id, adminToken, a, 'a reason')).status, a).toBe(409);

    const pending = await draft({ title: 'Reject Needs Reason' });
    await move(pending.id, issuer.token, 'submit');
    const r = await move(pending.id, adminToken, 'reject');
    expect([r.status, r.json.code]).toEqual([400, 'reason_required']);
  });
});

describe('deal listing', () => {
  let lt: TestTenant;
  let ids: Record<string, string>;

  beforeAll(async () => {
    lt = await makeTenant();
    const admin = await tokenFor(lt, lt.admin.email);
    const iss = await makeVerifiedIssuer(lt, admin);
    const active = (o: Record<string, unknown>) => makeActiveDeal(lt, iss.token, admin, o).then((d) => d.id as string);
    ids = {
      orchardTitle: await active({ title: 'Orchard Cider House', summary: 'Apples pressed locally', description: 'A cidery.' }),
      orchardText: await active({ title: 'Riverside Bakery', summary: 'Bread', description: 'Flour from the old orchard mill next door.' }),
      geo: await active({ title: 'Heat Network Loan', assetType: 'debt', description: 'Heat from a geothermal well feeds 400 homes.' }),
      token: await active({ title: 'Solar Token', assetType: 'token', currency: 'USDC' }),
    };
    for (let i = 0; i < 5; i++) ids[`extra${i}`] = await active({ title: `Extra Deal Number ${i}` });
    ids.draft = (await draft({ title: 'Hidden Draft Deal' }, iss.token, lt)).id;
  });

  it('answers exactly {deals, total, hasMore} and filters by status and asset type', async () => {
    const r = await list('', undefined, lt);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['deals', 'hasMore', 'total']);
    expect(r.json.total).toBe(9);
    const debt = await list('?assetType=debt', undefined, lt);
    expect(debt.json.deals.map((d: { id: string }) => d.id)).toEqual([ids.geo]);
    expect((await list('?status=active&assetType=token', undefined, lt)).json.total).toBe(1);
    expect((await list('?status=completed', undefined, lt)).json.total).toBe(0);
    expect((await list('?assetType=art', undefined, lt)).status).toBe(400);
    const big = await list('?limit=101', undefined, lt);
    expect(big.status).toBe(400);
    expect(big.json.errors[0].field).toBe('limit');
  });

  it('pages in a stable order without duplicates or gaps', async () => {
    const all = (await list('?limit=100', undefined, lt)).json.deals.map((d: { id: string }) => d.id);
    const pages = [];
    for (const offset of [0, 3, 6]) pages.push(await list(`?limit=3&offset=${offset}`, undefined, lt));
    const seen = pages.flatMap((p) => p.json.deals.map((d: { id: string }) => d.id));
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(9);
    expect(pages.map((p) => p.json.hasMore)).toEqual([true, true, false]);
  });

  it('full-text search finds a word of the description and ranks title matches first', async () => {
    expect((await list('?search=geothermal', undefined, lt)).json.deals.map((d: { id: string }) => d.id)).toEqual([ids.geo]);
    const orchard = (await list('?search=orchard', undefined, lt)).json.deals.map((d: { id: string }) => d.id);
    expect(orchard.slice(0, 2)).toEqual([ids.orchardTitle, ids.orchardText]);
  });

  it('drafts are invisible to investors and other tenants see nothing', async () => {
    const inv = await makeUser(lt);
    const token = await tokenFor(lt, inv.email);
    expect((await call(getDeal, { host: lt.host, token, params: { id: ids.draft! } })).status).toBe(404);
    expect((await list('?limit=100', token, lt)).json.deals.map((d: { id: string }) => d.id)).not.toContain(ids.draft);
    expect((await list('?status=draft', token, lt)).json.total).toBe(0);
    expect((await call(getDeal, { host: tenant.host, params: { id: ids.geo! } })).status).toBe(404);
    expect((await call(getDeal, { host: lt.host, params: { id: ids.geo! } })).status).toBe(200);
  });
});

describe('investing: validation, idempotency, cancel, portfolio', () => {
  let deal: { id: string };
  beforeAll(async () => {
    deal = await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Invest Rules Deal', minTicket: '100', hardCap: '150000' });
  });

  it('refuses bad amounts, tickets below the minimum, closed deals and crypto without a wallet', async () => {
    const decimals = await investIn(deal.id, { amount: '100.123', paymentMethod: 'wire' });
    expect(decimals.status).toBe(400);
    expect(decimals.json.errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
    const small = await investIn(deal.id, { amount: '99.99', paymentMethod: 'wire' });
    expect(small.status).toBe(400);
    expect(small.json.errors[0].field).toBe('amount');
    const wallet = await investIn(deal.id, { amount: '500', paymentMethod: 'crypto' });
    expect(wallet.status).toBe(400);
    expect(wallet.json.errors.map((e: { field: string }) => e.field)).toContain('walletAddress');
    const closed = await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Closed For Investing' });
    await move(closed.id, issuer.token, 'close');
    const late = await investIn(closed.id, { amount: '500', paymentMethod: 'wire' });
    expect(late.status).toBe(409);
    expect(late.json.code).toBe('deal_not_open');
  });

  it('accepts a JSON number amount and stores it exactly', async () => {
    const u = await makeUser(tenant);
    const token = await tokenFor(tenant, u.email);
    const r = await investIn(deal.id, { amount: 10000, paymentMethod: 'wire' }, {}, token);
    expect(r.status).toBe(201);
    const p = await call(portfolio, { host: tenant.host, token });
    expect(p.json.positions[0].investments[0].amount).toBe('10000.00');
  });

  it('Idempotency-Key: replay, reuse with other parameters, length, replayed errors and concurrent requests', async () => {
    const key = `key-${randomBytes(8).toString('hex')}`;
    const body = { amount: '250', paymentMethod: 'wire' };
    const first = await investIn(deal.id, body, { 'idempotency-key': key });
    const again = await investIn(deal.id, body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const rows = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').select('id').where('tenant_id', '=', tenant.id).where('id', '=', first.json.investment.id).execute());
    expect(rows).toHaveLength(1);
    const reused = await investIn(deal.id, { ...body, amount: '251' }, { 'idempotency-key': key });
    expect([reused.status, reused.json.code]).toEqual([422, 'idempotency_key_reused']);
    expect((await investIn(deal.id, body, { 'idempotency-key': 'k'.repeat(256) })).status).toBe(400);

    const failKey = `fail-${randomBytes(8).toString('hex')}`;
    const tooMuch = { amount: '1000000', paymentMethod: 'wire' };
    const failed = await investIn(deal.id, tooMuch, { 'idempotency-key': failKey });
    expect([failed.status, failed.json.code]).toEqual([409, 'hard_cap_exceeded']);
    const failedAgain = await investIn(deal.id, tooMuch, { 'idempotency-key': failKey });
    expect(failedAgain.status).toBe(409);
    expect(failedAgain.json).toMatchObject({ code: failed.json.code, detail: failed.json.detail });
    expect(failedAgain.headers.get('idempotent-replayed')).toBe('true');

    const raceKey = `race-${randomBytes(8).toString('hex')}`;
    const racers = await Promise.all(Array.from({ length: 8 }, () => investIn(deal.id, { amount: '100', paymentMethod: 'wire' }, { 'idempotency-key': raceKey })));
    const fresh = racers.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true');
    expect(fresh).toHaveLength(1);
    for (const r of racers.filter((x) => x !== fresh[0])) {
      if (r.status === 201) expect(r.json).toEqual(fresh[0]!.json);
      else expect([r.status, r.json.code]).toEqual([409, 'idempotency_request_in_progress']);
    }
    const raced = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('investments').select('id').where('tenant_id', '=', tenant.id).where('deal_id', '=', deal.id).where('investor_id', '=', investor.id).where('amount', '=', '10000').execute(),
    );
    expect(raced).toHaveLength(1);
  });

  it('cancelling a pending investment gives its capacity back; a confirmed one cannot be cancelled', async () => {
    const capacity = async () => (await call(getDeal, { host: tenant.host, params: { id: deal.id } })).json.progress.remainingCapacity as string;
    const before = await capacity();
    const r = await investIn(deal.id, { amount: '700', paymentMethod: 'wire' });
    expect(Number(await capacity())).toBe(Number(before) - 700);
    const c = await call(cancel, { host: tenant.host, token: investor.token, params: { id: r.json.investment.id }, body: { reason: 'changed my mind' } });
    expect(c.status).toBe(200);
    expect(await capacity()).toBe(before);

    const cleared = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', cleared.id).execute());
    const token = await tokenFor(tenant, cleared.email);
    const paid = await investIn(deal.id, { amount: '300', paymentMethod: 'wire' }, {}, token);
    expect((await call(confirm, { host: tenant.host, token: adminToken, params: { id: paid.json.investment.id } })).status).toBe(200);
    const late = await call(cancel, { host: tenant.host, token, params: { id: paid.json.investment.id } });
    expect([late.status, late.json.code]).toEqual([409, 'investment_not_cancellable']);
  });

  it('portfolio totals per currency are the sums of the investments', async () => {
    const u = await makeUser(tenant);
    const token = await tokenFor(tenant, u.email);
    const usdc = await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Portfolio Token Deal', currency: 'USDC', minTicket: '1' });
    const wallet = `0x${'cd'.repeat(20)}`;
    for (const amount of ['150.25', '200']) expect((await investIn(deal.id, { amount, paymentMethod: 'wire' }, {}, token)).status).toBe(201);
    for (const amount of ['1.000001', '2.5']) expect((await investIn(usdc.id, { amount, paymentMethod: 'crypto', walletAddress: wallet }, {}, token)).status).toBe(201);
    const p = await call(portfolio, { host: tenant.host, token });
    const totals = Object.fromEntries(p.json.totals.map((t: { currency: string; confirmed: string; pending: string }) => [t.currency, [t.confirmed, t.pending]]));
    expect(totals).toEqual({ USD: ['0.00', '350.25'], USDC: ['0.000000', '3.500001'] });
  });
});
