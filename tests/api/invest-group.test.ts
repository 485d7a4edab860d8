import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { PUT as putDeclaration } from '../../src/app/api/investor/compliance/declaration/route';
import { insertChecks } from '../../src/server/compliance/repo';
import { withTenant } from '../../src/server/db/tenant';
import { uuidv7 } from '../../src/server/ids';
import { call, type CallResult } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Invests without an Idempotency-Key that arrive together are decided together in one
// transaction (src/server/investments/invest-group.ts). Each must still get exactly the answer
// it would get alone, and everything an investment leaves behind must be there.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;

async function investor() {
  const u = await makeUser(tenant);
  return { ...u, token: await tokenFor(tenant, u.email) };
}
const put = (dealId: string, token: string, amount: string) => call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
const codes = (rs: CallResult[]) => rs.map((r) => (r.status === 201 ? 'created' : r.json.code)).sort();

function stored(dealId: string) {
  return withTenant(tenant.id, null, async (t) => {
    const investments = await t.tx
      .selectFrom('investments')
      .select(['id', 'investor_id', 'amount', 'status', 'currency', sql`xmin::text`.as('tx')])
      .where('tenant_id', '=', tenant.id)
      .where('deal_id', '=', dealId)
      .execute();
    const ids = investments.map((i) => i.id);
    const none = ['00000000-0000-0000-0000-000000000000'];
    const events = await t.tx.selectFrom('investment_events').select(['investment_id', 'to_status']).where('tenant_id', '=', tenant.id).where('investment_id', 'in', ids.length ? ids : none).execute();
    const audits = await t.tx.selectFrom('audit_logs').select(['target_id', 'actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', 'investment.created').where('target_id', 'in', ids.length ? ids : none).execute();
    const checks = await t.tx.selectFrom('compliance_checks').select(['user_id', 'outcome', 'code', 'investment_id', 'amount']).where('tenant_id', '=', tenant.id).where('deal_id', '=', dealId).execute();
    const escrows = await t.tx.selectFrom('escrow_investments').select(['investment_id', 'amount']).where('tenant_id', '=', tenant.id).where('deal_id', '=', dealId).execute();
    const slices = await t.tx.selectFrom('deal_capacity_slices').select(sql<string>`sum(available)`.as('available')).where('tenant_id', '=', tenant.id).where('deal_id', '=', dealId).executeTakeFirstOrThrow();
    return { investments, events, audits, checks, escrows, available: BigInt(slices.available) };
  });
}

beforeAll(async () => {
  tenant = await makeTenant({ settings: { compliance: { blockedCountries: ['FR'] } } });
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
});

describe('invests that arrive together', () => {
  it('are committed together, each with the answer it would get alone and with its event, audit row and compliance check', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '5000', targetAmount: '5000', softCap: '100', minTicket: '10', maxTicket: '300' });
    const [a, blocked, ...others] = await Promise.all(Array.from({ length: 12 }, () => investor()));
    const fr = await call(putDeclaration, { host: tenant.host, token: blocked!.token, method: 'PUT', body: { residenceCountry: 'FR', nationality: 'FR', isUsPerson: false, investorType: 'natural_person' } });
    expect(fr.status).toBe(200);

    const results = await Promise.all([
      // One investor, four tickets of 100 against a maximum of 300: three go through.
      ...Array.from({ length: 4 }, () => put(deal.id, a!.token, '100')),
      // Blocked by the tenant's country list, twice.
      put(deal.id, blocked!.token, '50'),
      put(deal.id, blocked!.token, '60'),
      // Below the minimum and with more decimals than USD has.
      put(deal.id, others[0]!.token, '5'),
      put(deal.id, others[1]!.token, '10.001'),
      // Ten investors, 250 each.
      ...others.map((o) => put(deal.id, o.token, '250')),
    ]);
    expect(codes(results.slice(0, 4))).toEqual(['created', 'created', 'created', 'investor_limit_exceeded']);
    const overLimit = results.slice(0, 4).find((r) => r.status === 409)!;
    expect(overLimit.json.detail).toContain('would total 400.00 USD; the maximum per investor is 300.00 USD');
    for (const r of results.slice(4, 6)) expect(r.json).toMatchObject({ status: 403, code: 'compliance_geo_blocked', rule: 'geography', checkId: expect.any(String) });
    expect(results[6]!.json).toMatchObject({ status: 400, errors: [{ field: 'amount', message: 'The minimum investment is 10.00 USD' }] });
    expect(results[7]!.json).toMatchObject({ status: 400, errors: [{ field: 'amount', message: expect.stringContaining('(USD has 2)') }] });
    expect(results.slice(8).every((r) => r.status === 201)).toBe(true);

    const s = await stored(deal.id);
    const created = results.filter((r) => r.status === 201).map((r) => r.json.investment.id as string);
    expect(created).toHaveLength(13);
    expect(new Set(s.investments.map((i) => i.id))).toEqual(new Set(created));
    // Committed in fewer transactions than investments: they really went together.
    expect(new Set(s.investments.map((i) => i.tx)).size).toBeLessThan(created.length);
    // 3 x 100 + 10 x 250 reserved against the hard cap of 5,000.
    expect(s.available).toBe(500000n - 30000n - 250000n);
    // KYC is required here and nobody is verified yet: every investment waits in escrow.
    expect(s.investments.every((i) => i.status === 'pending_kyc' && i.currency === 'USD')).toBe(true);
    expect(new Set(s.escrows.map((e) => e.investment_id))).toEqual(new Set(created));
    expect(new Set(s.events.map((e) => e.investment_id))).toEqual(new Set(created));
    expect(s.events.every((e) => e.to_status === 'pending_kyc')).toBe(true);
    expect(new Set(s.audits.map((x) => x.target_id))).toEqual(new Set(created));
    const audited = s.audits.find((x) => x.actor_id === a!.id)!;
    expect(audited.metadata).toMatchObject({ dealId: deal.id, amount: '10000', currency: 'USD', status: 'pending_kyc' });
    // Allowed checks are linked to their investments; the refused attempt of `a` stores none (as alone);
    // the two blocked attempts are kept with their amounts.
    const allowed = s.checks.filter((c) => c.outcome === 'allowed');
    expect(new Set(allowed.map((c) => c.investment_id))).toEqual(new Set(created));
    const refusals = s.checks.filter((c) => c.outcome === 'blocked');
    expect(refusals.map((c) => [c.user_id, c.code, c.amount]).sort()).toEqual([
      [blocked!.id, 'compliance_geo_blocked', '5000'],
      [blocked!.id, 'compliance_geo_blocked', '6000'],
    ]);
  }, 60_000);

  it('near the cap take the tickets in turn while they fit and tell the rest exactly what is left', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '1000', softCap: '100', minTicket: '10' });
    const investors = await Promise.all(Array.from({ length: 40 }, () => investor()));
    // 40 x 30 = 1,200 asked of 1,000: 33 fit (990), 10.00 stays free, 7 are refused.
    const results = await Promise.all(investors.map((o) => put(deal.id, o.token, '30')));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok).toHaveLength(33);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json).toMatchObject({ status: 409, code: 'hard_cap_exceeded', detail: 'Only 10.00 USD of this deal is still available' });
    const s = await stored(deal.id);
    expect(s.investments).toHaveLength(33);
    expect(s.available).toBe(1000n);
    // A ticket that still fits goes through; the next one finds the deal full.
    expect((await put(deal.id, investors[0]!.token, '10')).status).toBe(201);
    expect((await put(deal.id, investors[1]!.token, '10')).json).toMatchObject({ code: 'hard_cap_exceeded', detail: 'This deal is fully subscribed' });
  }, 60_000);

  it('keep Idempotency-Key semantics: each key replays its own answer, a refusal is kept, a 400 frees the key', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1010', targetAmount: '1010', softCap: '100', minTicket: '10' });
    const investors = await Promise.all(Array.from({ length: 12 }, () => investor()));
    const keyed = (i: number, amount: string, key: string) =>
      call(invest, { host: tenant.host, token: investors[i]!.token, params: { id: deal.id }, body: { amount, paymentMethod: 'wire' }, headers: { 'idempotency-key': key } });
    const keys = investors.map((_, i) => `group-${i}-${Math.random().toString(36).slice(2)}`);
    // 11 tickets of 100 for a cap of 1,010 (one is refused), and one with too many decimals.
    const first = await Promise.all(investors.map((_, i) => keyed(i, i === 11 ? '10.001' : '100', keys[i]!)));
    expect(first.filter((r) => r.status === 201)).toHaveLength(10);
    expect(first.slice(0, 11).filter((r) => r.status === 409).map((r) => r.json.code)).toEqual(['hard_cap_exceeded']);
    expect(first[11]!.status).toBe(400);

    const again = await Promise.all(investors.map((_, i) => (i === 11 ? keyed(i, '10.00', keys[i]!) : keyed(i, '100', keys[i]!))));
    for (let i = 0; i < 11; i++) {
      expect(again[i]!.status).toBe(first[i]!.status);
      expect(again[i]!.headers.get('idempotent-replayed')).toBe('true');
      if (first[i]!.status === 201) expect(again[i]!.json).toEqual(first[i]!.json);
      else expect(again[i]!.json).toMatchObject({ code: 'hard_cap_exceeded', detail: first[i]!.json.detail });
    }
    // The 400 stored nothing: the corrected request with the same key is a first request, and fits exactly.
    expect(again[11]!.status).toBe(201);
    expect(again[11]!.headers.get('idempotent-replayed')).toBeNull();
    expect((await keyed(0, '200', keys[0]!)).json.code).toBe('idempotency_key_reused');
    const s = await stored(deal.id);
    expect(s.investments).toHaveLength(11);
    expect(s.available).toBe(0n);
  }, 60_000);

  it('refuse everyone at once on a closed deal, and answer 404 for a deal of another tenant', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '1000', targetAmount: '1000', softCap: '100', minTicket: '10' });
    const investors = await Promise.all(Array.from({ length: 5 }, () => investor()));
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ ends_at: new Date(Date.now() - 60_000) }).where('tenant_id', '=', tenant.id).where('id', '=', deal.id).execute());
    const ended = await Promise.all(investors.map((o) => put(deal.id, o.token, '20')));
    for (const r of ended) expect(r.json).toMatchObject({ status: 409, code: 'deal_ended' });

    const elsewhere = await makeTenant();
    const elsewhereAdmin = await tokenFor(elsewhere, elsewhere.admin.email);
    const foreign = await makeActiveDeal(elsewhere, (await makeVerifiedIssuer(elsewhere, elsewhereAdmin)).token, elsewhereAdmin, {});
    const lost = await Promise.all(investors.map((o) => put(foreign.id, o.token, '20')));
    for (const r of lost) expect(r.status).toBe(404);
    expect((await stored(deal.id)).investments).toHaveLength(0);
  }, 60_000);

  it('store a group\'s compliance checks in one statement with every rule input byte for byte', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, {});
    const [x, y] = await Promise.all([investor(), investor()]);
    // Rule inputs carry whatever investors typed: quotes, backslashes, braces, commas, NULs spelled out, non-Latin text.
    const awkward = { name: 'O\'Brien "the \\ best", {x}', note: 'Zoë 投資 ✓ \\u0000 \n tab\t', empty: '', list: [null, 'a,b', '"'] };
    const rows = [
      { id: uuidv7(), user_id: x!.id, deal_id: deal.id, investment_id: null, amount: '12345', currency: 'USD', currency_decimals: 2, outcome: 'blocked' as const,
        blocking_rule: 'country', code: 'country_blocked', investor_accredited: false, rules: JSON.stringify([{ rule: 'country', inputs: awkward }]), context: JSON.stringify({ awkward }), engine_version: 'test' },
      { id: uuidv7(), user_id: y!.id, deal_id: deal.id, investment_id: null, amount: '1', currency: 'USD', currency_decimals: 2, outcome: 'allowed' as const,
        blocking_rule: null, code: null, investor_accredited: true, rules: JSON.stringify([]), context: JSON.stringify({ plain: true }), engine_version: 'test' },
    ];
    await withTenant(tenant.id, null, (t) => insertChecks(t, rows));
    const back = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('compliance_checks').selectAll().where('tenant_id', '=', tenant.id).where('id', 'in', rows.map((r) => r.id)).orderBy('amount', 'desc').execute(),
    );
    expect(back.map((r) => [r.user_id, String(r.amount), r.outcome, r.blocking_rule, r.code, r.investor_accredited, r.investment_id])).toEqual([
      [x!.id, '12345', 'blocked', 'country', 'country_blocked', false, null],
      [y!.id, '1', 'allowed', null, null, true, null],
    ]);
    expect(back[0]!.rules).toEqual([{ rule: 'country', inputs: awkward }]);
    expect(back[0]!.context).toEqual({ awkward });
    expect(back[1]!.context).toEqual({ plain: true });
    expect(back.every((r) => r.created_at instanceof Date)).toBe(true);
  });
});
