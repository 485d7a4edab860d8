import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { withTenant } from '../../src/server/db/tenant';
import { fromMinorUnits } from '../../src/server/money';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
});

describe('investing under heavy concurrency', () => {
  it('250 simultaneous invests of random amounts never exceed the hard cap, and every acknowledged one is stored', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { hardCap: '20000', targetAmount: '20000', softCap: '1000', minTicket: '1' });
    const investors = await Promise.all(Array.from({ length: 25 }, () => makeUser(tenant)));
    const tokens = await Promise.all(investors.map((u) => tokenFor(tenant, u.email)));
    const amounts = Array.from({ length: 250 }, () => (50 + Math.floor(Math.random() * 150)).toString() + '.' + String(Math.floor(Math.random() * 100)).padStart(2, '0'));

    const results = await Promise.all(
      amounts.map((amount, i) => call(invest, { host: tenant.host, token: tokens[i % tokens.length], params: { id: deal.id }, body: { amount, paymentMethod: 'wire' } })),
    );
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(ok.length).toBeGreaterThan(50);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.json.code).toBe('hard_cap_exceeded');

    const stored = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('investments').select(['id', 'amount']).where('tenant_id', '=', tenant.id).where('deal_id', '=', deal.id).execute());
    expect(new Set(stored.map((s) => s.id))).toEqual(new Set(ok.map((r) => r.json.investment.id)));
    const sum = stored.reduce((a, s) => a + BigInt(s.amount), 0n);
    expect(sum).toBeLessThanOrEqual(2_000_000n);
    const after = await call(getDeal, { host: tenant.host, token: adminToken, params: { id: deal.id } });
    expect(after.json.progress.committed).toBe(fromMinorUnits(sum, 2));
  }, 120_000);

  it('the per-investor maximum holds across concurrent invests of one investor', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { maxTicket: '1000', minTicket: '100' });
    const investor = await makeUser(tenant);
    const token = await tokenFor(tenant, investor.email);
    const results = await Promise.all(Array.from({ length: 20 }, () => call(invest, { host: tenant.host, token, params: { id: deal.id }, body: { amount: '300', paymentMethod: 'wire' } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.code).toBe('investor_limit_exceeded');
  }, 60_000);
});
