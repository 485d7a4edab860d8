import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { GET as adminQueue } from '../../src/app/api/admin/deals/route';
import { POST as adminDealAction } from '../../src/app/api/admin/deals/[id]/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as refund } from '../../src/app/api/admin/investments/[id]/refund/route';
import { GET as stats } from '../../src/app/api/admin/stats/route';
import { GET as capTable } from '../../src/app/api/issuer/deals/[id]/cap-table.csv/route';
import { GET as investors } from '../../src/app/api/issuer/deals/[id]/investors/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { withTenant } from '../../src/server/db/tenant';
import { seedDemoDeals } from '../../src/server/platform/demo-deals';
import { addUser } from '../../src/server/platform/tenants';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

type Investor = { id: string; email: string; token: string };

/** An investor whose KYC is approved, so an investment waits for payment rather than KYC. */
async function clearedInvestor(tenant: TestTenant, names?: { firstName: string; lastName: string }): Promise<Investor> {
  const user = names
    ? await (async () => {
        const email = `inv-${Math.random().toString(16).slice(2, 10)}@example.com`;
        return { id: await addUser(tenant.id, { email, password: PASSWORD, roles: ['investor'], ...names }), email };
      })()
    : await makeUser(tenant);
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', user.id).execute());
  return { ...user, token: await tokenFor(tenant, user.email) };
}

async function investIn(tenant: TestTenant, who: Investor, dealId: string, amount: string): Promise<string> {
  const r = await call(invest, { host: tenant.host, token: who.token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
  expect(r.status).toBe(201);
  return r.json.investment.id;
}

let tenant: TestTenant;
let adminToken: string;
let issuerA: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let issuerB: Awaited<ReturnType<typeof makeVerifiedIssuer>>;

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  [issuerA, issuerB] = await Promise.all([makeVerifiedIssuer(tenant, adminToken), makeVerifiedIssuer(tenant, adminToken)]);
});

const progressOf = async (dealId: string) => (await call(getDeal, { host: tenant.host, token: adminToken, params: { id: dealId } })).json.progress;
const confirmIt = (id: string, token = adminToken) => call(confirm, { host: tenant.host, token, params: { id } });
const refundIt = (id: string, reason: string | undefined, token = adminToken) => call(refund, { host: tenant.host, token, params: { id }, body: reason === undefined ? {} : { reason } });

describe('issuer: investors of a deal and the cap table', () => {
  let dealId: string;
  let slug: string;
  let ivan: Investor;
  let evil: Investor;

  beforeAll(async () => {
    const deal = await makeActiveDeal(tenant, issuerA.token, adminToken, { title: 'Cap Table Deal', minTicket: '100' });
    dealId = deal.id;
    slug = deal.slug;
    ivan = await clearedInvestor(tenant, { firstName: 'Ivan', lastName: 'Smith, Jr.' });
    evil = await clearedInvestor(tenant, { firstName: '=HYPERLINK("http://evil.example","x")', lastName: 'Evil' });
    const first = await investIn(tenant, ivan, dealId, '1000');
    await investIn(tenant, ivan, dealId, '250.50');
    await investIn(tenant, evil, dealId, '300');
    expect((await confirmIt(first)).status).toBe(200);
  });

  it('lists each investor with confirmed and pending totals, count and first investment date', async () => {
    const r = await call(investors, { host: tenant.host, token: issuerA.token, params: { id: dealId } });
    expect(r.status).toBe(200);
    expect(r.json.deal).toMatchObject({ id: dealId, slug, currency: 'USD' });
    expect(r.json.investors).toHaveLength(2);
    const [a, b] = r.json.investors;
    expect(a).toMatchObject({ investorId: ivan.id, name: 'Ivan Smith, Jr.', email: ivan.email, confirmed: '1000.00', pending: '250.50', investments: 2 });
    expect(b).toMatchObject({ investorId: evil.id, confirmed: '0.00', pending: '300.00', investments: 1 });
    expect(Date.parse(a.firstInvestmentAt)).toBeLessThanOrEqual(Date.parse(b.firstInvestmentAt));
  });

  it('is 404 for another issuer and 403 for non-issuers', async () => {
    expect((await call(investors, { host: tenant.host, token: issuerB.token, params: { id: dealId } })).status).toBe(404);
    expect((await call(capTable, { host: tenant.host, token: issuerB.token, params: { id: dealId } })).status).toBe(404);
    expect((await call(investors, { host: tenant.host, token: ivan.token, params: { id: dealId } })).status).toBe(403);
    const other = await makeTenant();
    const otherIssuer = await makeVerifiedIssuer(other, await tokenFor(other, other.admin.email));
    expect((await call(investors, { host: other.host, token: otherIssuer.token, params: { id: dealId } })).status).toBe(404);
  });

  it('exports the cap table as an audited CSV attachment with quoting and formula neutralised', async () => {
    const r = await call(capTable, { host: tenant.host, token: issuerA.token, params: { id: dealId } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-cap-table.csv"`);
    const lines = (r.json as string).split('\r\n');
    expect(lines[0]).toBe('Investor,Email,Currency,Confirmed,Pending,Investments,First investment (UTC),Share of confirmed (%)');
    expect(lines[1]).toMatch(new RegExp(`^"Ivan Smith, Jr\\.",${ivan.email},USD,1000\\.00,250\\.50,2,[0-9T:.Z-]+,100\\.00$`));
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\) Evil",/);
    expect(lines[2]).toContain(',USD,0.00,300.00,1,');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');

    const audits = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('audit_logs').select(['actor_id', 'target_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', 'deal.cap_table_exported').execute(),
    );
    expect(audits).toEqual([{ actor_id: issuerA.id, target_id: dealId, metadata: { format: 'csv', rows: 2 } }]);
  });
});

describe('admin: review queue and decisions', () => {
  it('lists pending deals oldest submission first with issuer name and submitted_at; approve, reject and feature', async () => {
    const queueTenant = await makeTenant();
    const admin = await tokenFor(queueTenant, queueTenant.admin.email);
    const issuer = await makeVerifiedIssuer(queueTenant, admin);
    const ids: string[] = [];
    for (const title of ['First In Line', 'Second In Line', 'Third In Line']) {
      const d = await call(createDeal, { host: queueTenant.host, token: issuer.token, body: { ...baseDeal, title } });
      ids.push(d.json.id);
    }
    // Submitted in another order than created: the queue follows submission.
    for (const i of [1, 0, 2]) expect((await call(transition, { host: queueTenant.host, token: issuer.token, params: { id: ids[i]! }, body: { action: 'submit' } })).status).toBe(200);

    const q = await call(adminQueue, { host: queueTenant.host, token: admin });
    expect(q.status).toBe(200);
    expect(q.json.deals.map((d: { id: string }) => d.id)).toEqual([ids[1], ids[0], ids[2]]);
    expect(q.json.total).toBe(3);
    const [head] = q.json.deals;
    expect(head.issuer.name).toMatch(/^Issuer /);
    expect(head.status).toBe('pending_review');
    expect(Date.parse(head.submittedAt)).toBeLessThanOrEqual(Date.parse(q.json.deals[1].submittedAt));
    expect((await call(adminQueue, { host: queueTenant.host, token: admin, path: '/api/admin/deals?status=draft' })).json.total).toBe(0);
    expect((await call(adminQueue, { host: queueTenant.host, token: admin, path: '/api/admin/deals?status=nope' })).status).toBe(400);
    expect((await call(adminQueue, { host: queueTenant.host, token: issuer.token })).status).toBe(403);

    const act = (id: string, body: unknown, token = admin) => call(adminDealAction, { host: queueTenant.host, token, params: { id }, body });
    const noReason = await act(ids[0]!, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.code).toBe('reason_required');
    const rejected = await act(ids[0]!, { action: 'reject', reason: 'Financials are missing' });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ status: 'draft', reviewReason: 'Financials are missing' });
    const approved = await act(ids[1]!, { action: 'approve' });
    expect(approved.json.status).toBe('active');
    expect((await act(ids[1]!, { action: 'approve' })).json.code).toBe('invalid_transition');
    expect((await act(ids[1]!, { action: 'feature' })).json.featured).toBe(true);
    expect((await act(ids[1]!, { action: 'unfeature' })).json.featured).toBe(false);
    expect((await act(ids[1]!, { action: 'publish' })).status).toBe(400);
    expect((await act(ids[2]!, { action: 'approve' }, issuer.token)).status).toBe(403);
    expect((await act('00000000-0000-7000-8000-000000000000', { action: 'feature' })).status).toBe(404);

    const after = await call(adminQueue, { host: queueTenant.host, token: admin });
    expect(after.json.deals.map((d: { id: string }) => d.id)).toEqual([ids[2]]);
  });
});

describe('admin: confirming and refunding investments', () => {
  let dealId: string;
  let ana: Investor;

  beforeAll(async () => {
    dealId = (await makeActiveDeal(tenant, issuerA.token, adminToken, { title: 'Settlement Deal', minTicket: '100', softCap: '1000' })).id;
    ana = await clearedInvestor(tenant);
  });

  it('confirm moves pending_payment to confirmed and raises progress.raised and investors; twice is 409', async () => {
    const a = await investIn(tenant, ana, dealId, '500');
    const b = await investIn(tenant, ana, dealId, '300');
    const c = await confirmIt(a);
    expect(c.status).toBe(200);
    expect(c.json.investment).toMatchObject({ id: a, status: 'confirmed', previousStatus: 'pending_payment', amount: '500.00', currency: 'USD' });
    expect(await progressOf(dealId)).toMatchObject({ raised: '500.00', committed: '800.00', investors: 1 });
    expect((await confirmIt(a)).json.code).toBe('invalid_transition');
    expect((await confirmIt(b)).status).toBe(200);
    // The same investor again: more money, not another investor.
    expect(await progressOf(dealId)).toMatchObject({ raised: '800.00', investors: 1 });

    const events = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('investment_events').select(['from_status', 'to_status', 'actor_id']).where('tenant_id', '=', tenant.id).where('investment_id', '=', a).orderBy('created_at').execute(),
    );
    expect(events.map((e) => e.to_status)).toEqual(['pending_payment', 'confirmed']);
    expect(events[1]).toMatchObject({ from_status: 'pending_payment', actor_id: tenant.admin.id });
    const audit = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select('actor_id').where('tenant_id', '=', tenant.id).where('action', '=', 'investment.confirmed').where('target_id', '=', a).execute());
    expect(audit).toHaveLength(1);

    const r = await refundIt(b, 'Investor asked for the money back');
    expect(r.status).toBe(200);
    expect(r.json.investment).toMatchObject({ status: 'refunded', previousStatus: 'confirmed', reason: 'Investor asked for the money back' });
    expect(await progressOf(dealId)).toMatchObject({ raised: '500.00', committed: '500.00', investors: 1 });
    expect((await refundIt(b, 'again please')).json.code).toBe('invalid_transition');
  });

  it('refund needs a reason and is refused where the state machine forbids it; KYC-pending money cannot be confirmed', async () => {
    const pending = await investIn(tenant, ana, dealId, '100');
    const noReason = await refundIt(pending, undefined);
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].field).toBe('reason');
    // A pending payment is cancelled, never refunded: no money has moved.
    expect((await refundIt(pending, 'not possible')).json.code).toBe('invalid_transition');

    const uncleared = await makeUser(tenant);
    const kycPending = await investIn(tenant, { ...uncleared, token: await tokenFor(tenant, uncleared.email) }, dealId, '100');
    expect((await confirmIt(kycPending)).json.code).toBe('invalid_transition');
    // pending_kyc -> refunded is allowed and frees the capacity.
    const before = await progressOf(dealId);
    expect((await refundIt(kycPending, 'KYC was rejected')).status).toBe(200);
    const after = await progressOf(dealId);
    expect(Number(after.remainingCapacity) - Number(before.remainingCapacity)).toBe(100);
  });

  it('refunding an investor\'s only confirmed investment lowers the investors count', async () => {
    const solo = await clearedInvestor(tenant);
    const id = await investIn(tenant, solo, dealId, '200');
    await confirmIt(id);
    const before = (await progressOf(dealId)).investors;
    await refundIt(id, 'Wire was recalled by the bank');
    expect((await progressOf(dealId)).investors).toBe(before - 1);
  });

  it('is for tenant admins only, and unknown or foreign ids are 404', async () => {
    const id = await investIn(tenant, ana, dealId, '100');
    expect((await confirmIt(id, issuerA.token)).status).toBe(403);
    expect((await confirmIt(id, ana.token)).status).toBe(403);
    expect((await refundIt(id, 'nope nope', ana.token)).status).toBe(403);
    expect((await confirmIt('00000000-0000-7000-8000-000000000000')).status).toBe(404);
    const other = await makeTenant();
    const otherAdmin = await tokenFor(other, other.admin.email);
    expect((await call(confirm, { host: other.host, token: otherAdmin, params: { id } })).status).toBe(404);
  });
});

describe('admin: tenant stats', () => {
  it('matches the investments made: raised per deal, per day, counts by status, investors', async () => {
    const s = await makeTenant();
    const admin = await tokenFor(s, s.admin.email);
    const issuer = await makeVerifiedIssuer(s, admin);
    const usd = await makeActiveDeal(s, issuer.token, admin, { title: 'Dollar Deal', targetAmount: '10000', softCap: '100', hardCap: '20000', minTicket: '10' });
    const usdc = await makeActiveDeal(s, issuer.token, admin, { title: 'Stablecoin Deal', currency: 'USDC', targetAmount: '4000', softCap: '100', hardCap: '5000', minTicket: '10' });
    await call(createDeal, { host: s.host, token: issuer.token, body: { ...baseDeal, title: 'Still A Draft' } });
    const [x, y] = [await clearedInvestor(s), await clearedInvestor(s)];
    const inv = async (who: Investor, dealId: string, amount: string, paymentMethod = 'wire') => {
      const r = await call(invest, { host: s.host, token: who.token, params: { id: dealId }, body: { amount, paymentMethod, walletAddress: `0x${'ab'.repeat(20)}` } });
      expect(r.status).toBe(201);
      return r.json.investment.id as string;
    };
    const ok = (r: { status: number }) => expect(r.status).toBe(200);
    ok(await call(confirm, { host: s.host, token: admin, params: { id: await inv(x, usd.id, '2500') } }));
    ok(await call(confirm, { host: s.host, token: admin, params: { id: await inv(y, usd.id, '1000.25') } }));
    await inv(y, usd.id, '40');
    ok(await call(confirm, { host: s.host, token: admin, params: { id: await inv(x, usdc.id, '1000.5', 'crypto') } }));
    const cancelled = await inv(y, usdc.id, '15', 'crypto');
    await withTenant(s.id, null, (t) => t.tx.updateTable('investments').set({ status: 'cancelled' }).where('tenant_id', '=', s.id).where('id', '=', cancelled).execute());

    const r = await call(stats, { host: s.host, token: admin, path: '/api/admin/stats?days=7' });
    expect(r.status).toBe(200);
    expect(r.json.days).toBe(7);
    expect(r.json.topDeals.map((d: { id: string; raised: string; target: string; percent: string; investors: number }) => [d.id, d.raised, d.target, d.percent, d.investors])).toEqual([
      [usd.id, '3500.25', '10000.00', '35.00', 2],
      [usdc.id, '1000.500000', '4000.000000', '25.01', 1],
    ]);
    expect(r.json.dealsByStatus).toMatchObject({ active: 2, draft: 1, pending_review: 0, funded: 0 });
    expect(r.json.investors).toBe(2);
    expect(r.json.investmentsByStatus.confirmed.count).toBe(3);
    expect(r.json.investmentsByStatus.confirmed.amounts).toEqual(expect.arrayContaining([{ currency: 'USD', amount: '3500.25' }, { currency: 'USDC', amount: '1000.500000' }]));
    expect(r.json.investmentsByStatus.pending_payment).toEqual({ count: 1, amounts: [{ currency: 'USD', amount: '40.00' }] });
    expect(r.json.investmentsByStatus.cancelled.count).toBe(1);
    expect(r.json.investmentsByStatus.refunded).toEqual({ count: 0, amounts: [] });

    const today = new Date().toISOString().slice(0, 10);
    const series = Object.fromEntries(r.json.raisedPerDay.map((c: { currency: string; days: unknown[] }) => [c.currency, c.days]));
    expect(Object.keys(series).sort()).toEqual(['USD', 'USDC']);
    expect(series.USD).toHaveLength(7);
    expect(series.USD[6]).toEqual({ day: today, raised: '3500.25', committed: '3540.25', investments: 3 });
    expect(series.USD[0]).toMatchObject({ raised: '0.00', investments: 0 });
    expect(series.USDC[6]).toEqual({ day: today, raised: '1000.500000', committed: '1000.500000', investments: 1 });

    for (const days of ['0', '366', 'x', '1.5']) expect((await call(stats, { host: s.host, token: admin, path: `/api/admin/stats?days=${days}` })).status).toBe(400);
    expect((await call(stats, { host: s.host, token: admin })).json.raisedPerDay[0].days).toHaveLength(30);
    expect((await call(stats, { host: s.host, token: issuer.token })).status).toBe(403);
  });
});

describe('demo data', () => {
  it.each(['alpha', 'beta'] as const)('seeds ~20 %s deals in every status, once, with confirmed money behind the progress bars and 90 days of history', async (theme) => {
    const demo = await makeTenant();
    const issuer = await makeUser(demo, ['issuer']);
    const [i1, i2] = [await makeUser(demo), await makeUser(demo)];
    const accounts = { theme, password: PASSWORD, admin: demo.admin.email, issuer: issuer.email, investors: [i1.email, i2.email] as [string, string] };
    const seeded = await seedDemoDeals(demo.id, demo.slug, accounts);
    expect(seeded).toBeGreaterThanOrEqual(18);
    expect(await seedDemoDeals(demo.id, demo.slug, accounts)).toBe(0);

    const admin = await tokenFor(demo, demo.admin.email);
    const all = await call(listDeals, { host: demo.host, token: admin, path: '/api/deals?limit=100' });
    expect(all.json.total).toBe(seeded);
    const deals = all.json.deals as { status: string; assetType: string; currency: string; featured: boolean; progress: { raised: string } }[];
    expect(new Set(deals.map((d) => d.status))).toEqual(new Set(['draft', 'pending_review', 'active', 'funded', 'closed', 'completed', 'cancelled']));
    expect(new Set(deals.map((d) => d.assetType))).toEqual(new Set(['equity', 'debt', 'token']));
    expect(new Set(deals.map((d) => d.currency))).toEqual(new Set(['USD', 'USDC']));
    expect(deals.filter((d) => d.featured).length).toBeGreaterThanOrEqual(2);
    expect(deals.filter((d) => d.status === 'active' && Number(d.progress.raised) > 0).length).toBeGreaterThanOrEqual(3);

    const s = (await call(stats, { host: demo.host, token: admin })).json;
    expect(s.investors).toBe(2);
    const confirmed = deals.reduce((sum, d) => sum + Number(d.progress.raised), 0);
    const confirmedInStats = (s.investmentsByStatus.confirmed.amounts as { amount: string }[]).reduce((sum, a) => sum + Number(a.amount), 0);
    expect(confirmedInStats).toBeCloseTo(confirmed, 6);

    // 90 days of history, not one day: money confirmed on many days, deals opened and closed
    // weeks apart, refunds, and review steps dated with their deals.
    const history = await withTenant(demo.id, null, async (t) => ({
      confirmedDays: await t.tx.selectFrom('investments').select(sql<string>`distinct to_char(confirmed_at, 'YYYY-MM-DD')`.as('day')).where('tenant_id', '=', demo.id).where('status', '=', 'confirmed').execute(),
      oldest: await t.tx.selectFrom('investments').select(sql<Date>`min(created_at)`.as('at')).where('tenant_id', '=', demo.id).executeTakeFirstOrThrow(),
      refunded: await t.tx.selectFrom('investments').select('id').where('tenant_id', '=', demo.id).where('status', '=', 'refunded').execute(),
      opened: await t.tx.selectFrom('deals').select(['approved_at', 'ends_at', 'status']).where('tenant_id', '=', demo.id).where('approved_at', 'is not', null).execute(),
      reviewSteps: await t.tx.selectFrom('deal_review_events as e').innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'e.tenant_id').onRef('d.id', '=', 'e.deal_id')).select(['e.action', 'e.created_at', 'd.approved_at']).where('e.tenant_id', '=', demo.id).where('e.action', '=', 'approve').execute(),
    }));
    const dayMs = 86_400_000;
    expect(history.confirmedDays.length).toBeGreaterThanOrEqual(10);
    expect(Date.now() - history.oldest.at.getTime()).toBeGreaterThan(45 * dayMs);
    expect(Date.now() - history.oldest.at.getTime()).toBeLessThan(91 * dayMs);
    expect(history.refunded.length).toBeGreaterThanOrEqual(2);
    expect(new Set(history.opened.map((d) => d.approved_at!.toISOString().slice(0, 10))).size).toBeGreaterThanOrEqual(8);
    for (const d of history.opened.filter((x) => ['funded', 'closed', 'completed', 'cancelled'].includes(x.status))) expect(d.ends_at!.getTime()).toBeLessThan(Date.now());
    for (const step of history.reviewSteps) expect(step.created_at.getTime()).toBe(step.approved_at!.getTime());
  }, 30_000);
});
