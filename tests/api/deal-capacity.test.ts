import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as refund } from '../../src/app/api/admin/investments/[id]/refund/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { POST as cancel } from '../../src/app/api/investments/[id]/cancel/route';
import { getConfig } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { SLICES, dealForInvestment, reserveDealCapacity, setDealHardCap } from '../../src/server/deals/capacity';
import { ValidationError } from '../../src/server/errors';
import { ownerDatabaseUrl } from '../../src/server/db/urls';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The hard cap kept by capacity slices (src/server/deals/capacity.ts): tickets that fit one
// slice, tickets that need several, refusals with what is left, exact fills under concurrency,
// releases, hard-cap changes, closing, lazily sliced deals and tenant isolation of the slices.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
let investors: { id: string; token: string }[];
let owner: pg.Client;

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  investors = await Promise.all(
    Array.from({ length: 12 }, async () => {
      const u = await makeUser(tenant);
      return { id: u.id, token: await tokenFor(tenant, u.email) };
    }),
  );
  owner = new pg.Client({ connectionString: ownerDatabaseUrl(getConfig()) });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await closePools();
});

const investIn = (dealId: string, amount: string, who = investors[0]!) =>
  call(invest, { host: tenant.host, token: who.token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });

const progressOf = async (dealId: string) => (await call(getDeal, { host: tenant.host, token: adminToken, params: { id: dealId } })).json.progress as { committed: string; remainingCapacity: string };

const slicesOf = (dealId: string, t = tenant) =>
  withTenant(t.id, null, (tx) =>
    tx.tx.selectFrom('deal_capacity_slices').select(['slice', 'available', 'open']).where('tenant_id', '=', t.id).where('deal_id', '=', dealId).orderBy('slice').execute(),
  );

const storedOf = (dealId: string) =>
  withTenant(tenant.id, null, (t) =>
    t.tx.selectFrom('investments').select(['id', 'amount', 'status']).where('tenant_id', '=', tenant.id).where('deal_id', '=', dealId).execute(),
  );

const liveSum = (rows: { amount: string; status: string }[]) => rows.filter((r) => r.status !== 'cancelled' && r.status !== 'refunded').reduce((s, r) => s + BigInt(r.amount), 0n);

describe('capacity slices', () => {
  it('an approved deal gets its hard cap split evenly over the slices', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000.05', targetAmount: '500', softCap: '100', minTicket: '1' });
    const slices = await slicesOf(deal.id);
    expect(slices).toHaveLength(SLICES);
    expect(slices.every((s) => s.open)).toBe(true);
    expect(slices.reduce((s, r) => s + BigInt(r.available), 0n)).toBe(100_005n);
    const sizes = slices.map((s) => BigInt(s.available));
    expect(sizes.every((v) => v === 6250n || v === 6251n)).toBe(true);
  });

  it('near the cap a ticket that no single slice holds takes from several; one above what is left is refused with the amount left', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1600', targetAmount: '1600', softCap: '100', minTicket: '1' });
    // Each slice holds 100.00; sixteen tickets of 60.00 leave 40.00 in every one of them.
    for (let i = 0; i < SLICES; i++) expect((await investIn(deal.id, '60', investors[i % investors.length])).status).toBe(201);
    expect((await slicesOf(deal.id)).map((s) => s.available)).toEqual(Array(SLICES).fill('4000'));

    const two = await investIn(deal.id, '70');
    expect(two.status).toBe(201);
    expect((await progressOf(deal.id)).remainingCapacity).toBe('570.00');

    const tooMuch = await investIn(deal.id, '600');
    expect([tooMuch.status, tooMuch.json.code]).toEqual([409, 'hard_cap_exceeded']);
    expect(tooMuch.json.detail).toBe('Only 570.00 USD of this deal is still available');

    const rest = await investIn(deal.id, '570');
    expect(rest.status).toBe(201);
    expect((await slicesOf(deal.id)).every((s) => s.available === '0')).toBe(true);
    const full = await investIn(deal.id, '1');
    expect([full.status, full.json.code, full.json.detail]).toEqual([409, 'hard_cap_exceeded', 'This deal is fully subscribed']);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '1600.00', remainingCapacity: '0.00' });
    expect(liveSum(await storedOf(deal.id))).toBe(160_000n);
  });

  it('many concurrent invests fill the cap exactly, also where tickets straddle slices, and store every acknowledged one', async () => {
    // 1000.00 over 16 slices is 62.50 each: six 10.00 tickets fit a slice, the last four tickets need several.
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '1000', softCap: '100', minTicket: '1' });
    const results = await Promise.all(Array.from({ length: 140 }, (_, i) => investIn(deal.id, '10', investors[i % investors.length])));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(100);
    expect(refused.map((r) => r.json.code)).toEqual(Array(40).fill('hard_cap_exceeded'));
    const stored = await storedOf(deal.id);
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(ok.map((r) => r.json.investment.id)));
    expect(liveSum(stored)).toBe(100_000n);
    expect((await slicesOf(deal.id)).every((s) => s.available === '0')).toBe(true);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '1000.00', remainingCapacity: '0.00' });
  }, 120_000);

  it('random tickets from many investors at once never oversell, and what is committed is what the slices lost', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '3000', targetAmount: '3000', softCap: '100', minTicket: '1' });
    const amounts = Array.from({ length: 120 }, () => `${20 + Math.floor(Math.random() * 300)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`);
    const results = await Promise.all(amounts.map((a, i) => investIn(deal.id, a, investors[i % investors.length])));
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.code).toBe('hard_cap_exceeded');
    const stored = await storedOf(deal.id);
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(results.filter((r) => r.status === 201).map((r) => r.json.investment.id)));
    const sum = liveSum(stored);
    expect(sum).toBeLessThanOrEqual(300_000n);
    const left = (await slicesOf(deal.id)).reduce((s, r) => s + BigInt(r.available), 0n);
    expect(sum + left).toBe(300_000n);
    // Capacity only shrank during the run, so every refused ticket is larger than what is left at the end.
    const refusedAmounts = results.flatMap((r, i) => (r.status === 201 ? [] : [BigInt(amounts[i]!.replace('.', ''))]));
    expect(refusedAmounts.length).toBeGreaterThan(0);
    for (const a of refusedAmounts) expect(a > left).toBe(true);
  }, 120_000);

  it('each investor keeps to the per-investor maximum when several of them invest concurrently', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { maxTicket: '1000', minTicket: '100' });
    const five = investors.slice(0, 5);
    const results = await Promise.all(five.flatMap((who) => Array.from({ length: 8 }, () => investIn(deal.id, '300', who).then((r) => ({ who, r })))));
    for (const who of five) {
      const mine = results.filter((x) => x.who === who);
      expect(mine.filter((x) => x.r.status === 201)).toHaveLength(3);
      for (const x of mine.filter((y) => y.r.status !== 201)) expect(x.r.json.code).toBe('investor_limit_exceeded');
    }
    expect(liveSum(await storedOf(deal.id))).toBe(5n * 90_000n);
  }, 60_000);

  it('a cancelled or refunded investment gives its capacity back, and it can be invested again', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '500', targetAmount: '500', softCap: '100', minTicket: '1' });
    const a = await investIn(deal.id, '300', investors[0]);
    const b = await investIn(deal.id, '200', investors[1]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await investIn(deal.id, '1', investors[2])).json.code).toBe('hard_cap_exceeded');

    const cancelled = await call(cancel, { host: tenant.host, token: investors[0]!.token, params: { id: a.json.investment.id }, body: { reason: 'changed my mind' } });
    expect(cancelled.status).toBe(200);
    expect((await progressOf(deal.id)).remainingCapacity).toBe('300.00');
    expect((await investIn(deal.id, '300', investors[2])).status).toBe(201);

    const refunded = await call(refund, { host: tenant.host, token: adminToken, params: { id: b.json.investment.id }, body: { reason: 'wire never arrived' } });
    expect(refunded.status).toBe(200);
    expect((await progressOf(deal.id)).remainingCapacity).toBe('200.00');
    expect((await investIn(deal.id, '200.01', investors[3])).json.detail).toBe('Only 200.00 USD of this deal is still available');
    expect((await investIn(deal.id, '200', investors[3])).status).toBe(201);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '500.00', remainingCapacity: '0.00' });
    expect((await slicesOf(deal.id)).reduce((s, r) => s + BigInt(r.available), 0n)).toBe(0n);
  });

  it('a hard-cap change keeps what is reserved, re-splits what is free, and refuses a cap below the reserved amount', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '800', targetAmount: '500', softCap: '100', minTicket: '1' });
    expect((await investIn(deal.id, '123.45')).status).toBe(201);
    const raised = await withTenant(tenant.id, null, (t) => setDealHardCap(t, deal.id, 2_000_00n));
    expect(raised.reserved).toBe(12_345n);
    const slices = await slicesOf(deal.id);
    expect(slices.reduce((s, r) => s + BigInt(r.available), 0n)).toBe(200_000n - 12_345n);
    const sizes = slices.map((s) => BigInt(s.available));
    const [lo, hi] = [sizes.reduce((m, v) => (v < m ? v : m)), sizes.reduce((m, v) => (v > m ? v : m))];
    expect(hi - lo <= 1n).toBe(true);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '123.45', remainingCapacity: '1876.55' });

    const below = await withTenant(tenant.id, null, (t) => setDealHardCap(t, deal.id, 12_344n)).catch((e: unknown) => e);
    expect(below).toBeInstanceOf(ValidationError);
    expect((below as ValidationError).fields[0]).toMatchObject({ field: 'hardCap', message: 'hardCap cannot be below the 123.45 USD already committed' });

    await withTenant(tenant.id, null, (t) => setDealHardCap(t, deal.id, 500_00n));
    expect((await call(getDeal, { host: tenant.host, params: { id: deal.id } })).json.hardCap).toBe('500.00');
    expect((await investIn(deal.id, '376.56')).json.detail).toBe('Only 376.55 USD of this deal is still available');
    expect((await investIn(deal.id, '376.55')).status).toBe(201);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '500.00', remainingCapacity: '0.00' });
  });

  it('closing a deal closes its slices: no invest gets in, and a later cancel still gives capacity back', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    const r = await investIn(deal.id, '250');
    expect(r.status).toBe(201);
    expect((await call(transition, { host: tenant.host, token: issuerToken, params: { id: deal.id }, body: { action: 'close' } })).status).toBe(200);
    expect((await slicesOf(deal.id)).every((s) => !s.open)).toBe(true);
    expect((await investIn(deal.id, '10')).json.code).toBe('deal_not_open');
    expect((await call(cancel, { host: tenant.host, token: investors[0]!.token, params: { id: r.json.investment.id } })).status).toBe(200);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '0.00', remainingCapacity: '1000.00' });
  });

  it('an invest waits for a close in flight and is then refused; a close waits for an invest holding a slice', async () => {
    const settled = async (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);
    const first = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    // A close that has updated the deal and every slice but not committed yet.
    await owner.query('begin');
    await owner.query(`update deals set status = 'closed' where tenant_id = $1 and id = $2`, [tenant.id, first.id]);
    await owner.query('update deal_capacity_slices set open = false where tenant_id = $1 and deal_id = $2', [tenant.id, first.id]);
    const late = investIn(first.id, '10');
    expect(await settled(late, 400)).toBe(false);
    await owner.query('commit');
    expect((await late).json.code).toBe('deal_not_open');
    expect(await storedOf(first.id)).toHaveLength(0);

    const second = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    let close: Promise<{ status: number }> | null = null;
    await withTenant(tenant.id, { userId: investors[0]!.id }, async (t) => {
      const deal = await dealForInvestment(t, second.id);
      await reserveDealCapacity(t, deal, 1_000n);
      close = call(transition, { host: tenant.host, token: issuerToken, params: { id: second.id }, body: { action: 'close' } });
      expect(await settled(close, 400)).toBe(false);
    });
    expect((await close!).status).toBe(200);
    expect((await slicesOf(second.id)).every((s) => !s.open)).toBe(true);
    expect((await progressOf(second.id)).committed).toBe('10.00');
  }, 60_000);

  it('a deal made active without slices (as older deals were) is sliced by its first invests, concurrently, from its own counter', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    // As the owner: the deal as it stood before slices existed, with 200.00 already reserved.
    await owner.query('delete from deal_capacity_slices where tenant_id = $1 and deal_id = $2', [tenant.id, deal.id]);
    await owner.query('update deals set reserved_unsliced = 20000 where tenant_id = $1 and id = $2', [tenant.id, deal.id]);
    expect((await progressOf(deal.id)).committed).toBe('200.00');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => investIn(deal.id, '10', investors[i % investors.length])));
    expect(results.filter((r) => r.status === 201)).toHaveLength(80);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.code).toBe('hard_cap_exceeded');
    expect(await slicesOf(deal.id)).toHaveLength(SLICES);
    expect(await progressOf(deal.id)).toMatchObject({ committed: '1000.00', remainingCapacity: '0.00' });
  }, 60_000);

  it("migration 0011's backfill slices an active deal from its counter, evenly, and leaves sliced deals alone", async () => {
    const unsliced = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000.07', targetAmount: '500', softCap: '100', minTicket: '1' });
    const sliced = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    expect((await investIn(sliced.id, '10')).status).toBe(201);
    const migration = readFileSync('db/migrations/0011_deal_capacity_slices.sql', 'utf8');
    const backfill = migration.slice(migration.lastIndexOf('do $$'));
    await owner.query('begin');
    try {
      await owner.query('delete from deal_capacity_slices where tenant_id = $1 and deal_id = $2', [tenant.id, unsliced.id]);
      await owner.query('update deals set reserved_unsliced = 30000 where tenant_id = $1 and id = $2', [tenant.id, unsliced.id]);
      await owner.query(backfill);
      const rows = await owner.query<{ deal_id: string; slice: number; available: string }>(
        'select deal_id, slice, available from deal_capacity_slices where tenant_id = $1 and deal_id = any($2::uuid[]) order by deal_id, slice',
        [tenant.id, [unsliced.id, sliced.id]],
      );
      const of = (id: string) => rows.rows.filter((r) => r.deal_id === id).map((r) => BigInt(r.available));
      // 1000.07 - 300.00 = 700.07: 16 slices of 43.75, the first seven one cent more.
      expect(of(unsliced.id)).toEqual(Array.from({ length: SLICES }, (_, i) => (i < 7 ? 4376n : 4375n)));
      expect(of(sliced.id).reduce((a, b) => a + b, 0n)).toBe(99_000n);
    } finally {
      await owner.query('rollback');
    }
  });

  it("a tenant sees, changes and creates no other tenant's slices", async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '500', softCap: '100', minTicket: '1' });
    const other = await makeTenant();
    const seen = await withTenant(other.id, null, (t) => t.tx.selectFrom('deal_capacity_slices').selectAll().where('deal_id', '=', deal.id).execute());
    expect(seen).toHaveLength(0);
    const changed = await withTenant(other.id, null, (t) => t.tx.updateTable('deal_capacity_slices').set({ available: '999999999' }).where('deal_id', '=', deal.id).executeTakeFirst());
    expect(Number(changed.numUpdatedRows)).toBe(0);
    const forged = await withTenant(other.id, null, (t) =>
      t.tx.insertInto('deal_capacity_slices').values({ tenant_id: tenant.id, deal_id: deal.id, slice: 200, available: '999999999' }).execute(),
    ).catch((e: { code?: string }) => e);
    expect((forged as { code?: string }).code).toBe('42501');
    expect((await slicesOf(deal.id)).reduce((s, r) => s + BigInt(r.available), 0n)).toBe(100_000n);
  });
});
