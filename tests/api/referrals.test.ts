import { beforeAll, describe, expect, it } from 'vitest';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as refund } from '../../src/app/api/admin/investments/[id]/refund/route';
import { POST as approve } from '../../src/app/api/admin/referrals/rewards/[id]/approve/route';
import { GET as adminOverview } from '../../src/app/api/admin/referrals/route';
import { PUT as putSettings } from '../../src/app/api/admin/referrals/settings/route';
import { GET as transactionsCsv } from '../../src/app/api/admin/referrals/transactions.csv/route';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as createLink } from '../../src/app/api/referrals/links/route';
import { GET as dashboard } from '../../src/app/api/referrals/route';
import { GET as visit } from '../../src/app/api/referrals/visit/[code]/route';
import { GET as shortVisit } from '../../src/app/r/[code]/route';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { confirmInvestmentFromEscrow, rewindInvestmentOutcome } from '../../src/server/investments/escrow-outcome';
import { REFERRAL_COOKIE } from '../../src/server/referrals/service';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Referrals (issue 20): links with landing paths on the tenant's own host, first-touch attribution
// within the tenant's window, self-referral refused (same user, mailbox or device) and recorded,
// rewards by the tenant's rule on confirmation and clawed back on refund, per role and per tenant.

type Member = { id: string; email: string; token: string };

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuerToken: string;
let dealId: string;

async function member(t: TestTenant = tenant, roles: Parameters<typeof makeUser>[1] = ['investor']): Promise<Member> {
  const u = await makeUser(t, roles);
  return { ...u, token: await tokenFor(t, u.email) };
}

async function linkOf(m: Member, body: Record<string, unknown> = { campaign: 'Spring' }, t: TestTenant = tenant, ip?: string, ua?: string) {
  const r = await call(createLink, { host: t.host, token: m.token, body, ip, headers: ua ? { 'user-agent': ua } : undefined });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.link as { id: string; code: string; path: string; target: string };
}

/** A visitor's browser following a link; returns the cookie it now holds. */
async function follow(code: string, jar: string | null = null, o: { ip?: string; ua?: string; token?: string; t?: TestTenant } = {}) {
  const r = await call(visit, { host: (o.t ?? tenant).host, path: `/r/${code}`, params: { code }, ip: o.ip, token: o.token, cookies: jar ? { [REFERRAL_COOKIE]: jar } : undefined, headers: o.ua ? { 'user-agent': o.ua } : undefined });
  return { status: r.status, location: r.headers.get('location'), setCookie: r.headers.get('set-cookie'), cookie: r.cookies[REFERRAL_COOKIE] ?? jar, json: r.json };
}

let seq = 0;
async function signUp(cookie: string | null, o: { ip?: string; ua?: string; email?: string; t?: TestTenant } = {}) {
  const email = o.email ?? `friend-${Date.now()}-${seq++}@example.com`;
  const r = await call(register, { host: (o.t ?? tenant).host, body: { email, password: PASSWORD, firstName: 'Fran', lastName: 'Friend' }, cookies: cookie ? { [REFERRAL_COOKIE]: cookie } : undefined, ip: o.ip, headers: o.ua ? { 'user-agent': o.ua } : undefined });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const u = await ownerDb().selectFrom('users').select('id').where('tenant_id', '=', (o.t ?? tenant).id).where('email', '=', email).executeTakeFirstOrThrow();
  return { id: u.id, email, cleared: r.headers.getSetCookie().some((c) => c.startsWith(`${REFERRAL_COOKIE}=;`) && c.includes('Max-Age=0')) };
}

const attributionOf = (userId: string) => ownerDb().selectFrom('referral_attributions').selectAll().where('referred_user_id', '=', userId).executeTakeFirst();
const setClickTime = (clickId: string, at: Date) => ownerDb().updateTable('referral_clicks').set({ clicked_at: at }).where('id', '=', clickId).execute();
const transactionsOf = (referrerId: string) => ownerDb().selectFrom('referral_transactions').selectAll().where('referrer_id', '=', referrerId).orderBy('created_at').orderBy('id').execute();

async function setRule(body: Record<string, unknown>, t: TestTenant = tenant, token = adminToken) {
  const r = await call(putSettings, { host: t.host, method: 'PUT', token, body: { attributionWindowDays: 30, rewardKind: 'none', rewardScope: 'first', ...body } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.settings;
}

/** A referred friend who signed up through `code`, KYC approved, signed in. */
async function referredFriend(code: string): Promise<Member> {
  const { cookie } = await follow(code);
  const f = await signUp(cookie);
  expect((await attributionOf(f.id))?.status).toBe('attributed');
  await ownerDb().updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', f.id).execute();
  return { id: f.id, email: f.email, token: await tokenFor(tenant, f.email) };
}

async function investAndConfirm(friend: Member, amount: string) {
  const r = await call(invest, { host: tenant.host, token: friend.token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const id = r.json.investment.id as string;
  const c = await call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} });
  expect(c.status, JSON.stringify(c.json)).toBe(200);
  return id;
}

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  dealId = (await makeActiveDeal(tenant, issuerToken, adminToken, { title: 'Referral Bakery', hardCap: '1000000', targetAmount: '500000', softCap: '1000' })).id;
}, 60_000);

describe('links and the landing target', () => {
  it('a member creates a link with a campaign and a landing path; a chosen code must be free (409 referral_code_taken)', async () => {
    const m = await member();
    const link = await linkOf(m, { campaign: 'Newsletter', target: '/deals?sort=new', code: `Spring-${seq++}${Date.now() % 1000}` });
    expect(link.path).toBe(`/r/${link.code}`);
    expect(link.target).toBe('/deals?sort=new');
    const again = await call(createLink, { host: tenant.host, token: (await member()).token, body: { campaign: 'Copy', code: link.code.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('referral_code_taken');
    const audit = await ownerDb().selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', 'referral.link_created').where('target_id', '=', link.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(m.id);
  });

  it.each([
    ['an absolute URL to another site', 'https://evil.example/phish'],
    ['a protocol-relative URL', '//evil.example/phish'],
    ['a backslash trick', '/\\evil.example'],
    ['a script URL', 'javascript:alert(1)'],
    ['a path without a leading slash', 'evil.example'],
    ['an API path', '/api/auth/logout'],
    ['an encoded newline', '/deals\n//evil.example'],
  ])('refuses %s as the landing target (no open redirect): 400 naming target', async (_label, target) => {
    const m = await member();
    const r = await call(createLink, { host: tenant.host, token: m.token, body: { campaign: 'Bad', target } });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field)).toContain('target');
  });

  it('following a link records the click, sets a signed HttpOnly first-touch cookie for the window and redirects to the landing path on this host; /r/{code} is the same', async () => {
    const m = await member();
    const link = await linkOf(m, { campaign: 'Short', target: '/deals' });
    const r = await follow(link.code);
    expect(r.status).toBe(302);
    expect(r.location).toBe('/deals');
    expect(r.setCookie).toMatch(new RegExp(`^${REFERRAL_COOKIE}=[^;]+; Path=/; Max-Age=${30 * 86_400}; SameSite=Lax; HttpOnly`));
    const short = await shortVisit(new Request(`http://${tenant.host}/r/${link.code}`, { headers: { host: tenant.host } }), { params: Promise.resolve({ code: link.code }) });
    expect(short.status).toBe(302);
    expect(short.headers.get('location')).toBe('/deals');
    const clicks = await ownerDb().selectFrom('referral_clicks').selectAll().where('link_id', '=', link.id).execute();
    expect(clicks).toHaveLength(2);
    expect(clicks.every((c) => c.outcome === 'tracked' && /^[0-9a-f]{64}$/.test(c.device_hash))).toBe(true);
  });

  it('an unknown code is 404 referral_link_not_found, and a malformed one 400', async () => {
    const r = await follow('NoSuchCode1');
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('referral_link_not_found');
    expect((await follow('x')).status).toBe(400);
  });

  it('the referrer following their own link is recorded as own_link and gets no cookie', async () => {
    const m = await member();
    const link = await linkOf(m);
    const r = await follow(link.code, null, { token: m.token });
    expect(r.status).toBe(302);
    expect(r.setCookie).toBeNull();
    const clicks = await ownerDb().selectFrom('referral_clicks').select('outcome').where('link_id', '=', link.id).execute();
    expect(clicks.map((c) => c.outcome)).toEqual(['own_link']);
  });
});

describe('sign-up attribution', () => {
  it('first touch wins: a second link followed while the first cookie is valid keeps the first, and the sign-up is attributed to it; the cookie is cleared', async () => {
    const first = await member();
    const second = await member();
    const a = await linkOf(first);
    const b = await linkOf(second);
    const v1 = await follow(a.code);
    const v2 = await follow(b.code, v1.cookie);
    expect(v2.status).toBe(302);
    expect(v2.setCookie).toBeNull();
    const f = await signUp(v2.cookie);
    expect(f.cleared).toBe(true);
    const at = await attributionOf(f.id);
    expect(at).toMatchObject({ status: 'attributed', referrer_id: first.id, link_id: a.id, refusal_reason: null });
    const d1 = (await call(dashboard, { host: tenant.host, token: first.token })).json;
    const d2 = (await call(dashboard, { host: tenant.host, token: second.token })).json;
    expect(d1.links[0]).toMatchObject({ clicks: 1, signups: 1, conversions: 0 });
    expect(d2.links[0]).toMatchObject({ clicks: 1, signups: 0 });
    const kept = await ownerDb().selectFrom('referral_clicks').select('outcome').where('link_id', '=', b.id).execute();
    expect(kept.map((c) => c.outcome)).toEqual(['kept_first']);
  });

  it('the window at its boundary: a click one minute inside 30 days is attributed, one minute outside is refused window_expired', async () => {
    const m = await member();
    const link = await linkOf(m);
    const day = 86_400_000;
    const inside = await follow(link.code);
    const outside = await follow(link.code);
    const clicks = await ownerDb().selectFrom('referral_clicks').select(['id', 'clicked_at']).where('link_id', '=', link.id).orderBy('id').execute();
    await setClickTime(clicks[0]!.id, new Date(Date.now() - 30 * day + 60_000));
    await setClickTime(clicks[1]!.id, new Date(Date.now() - 30 * day - 60_000));
    const a = await signUp(inside.cookie);
    const b = await signUp(outside.cookie);
    expect(await attributionOf(a.id)).toMatchObject({ status: 'attributed', referrer_id: m.id });
    expect(await attributionOf(b.id)).toMatchObject({ status: 'refused', refusal_reason: 'window_expired' });
    const d = (await call(dashboard, { host: tenant.host, token: m.token })).json;
    expect(d.totals).toMatchObject({ signups: 1, refusedSignups: { window_expired: 1 } });
  });

  it('an expired first touch no longer blocks a newer link: the newer click takes the cookie', async () => {
    const first = await member();
    const second = await member();
    const a = await linkOf(first);
    const b = await linkOf(second);
    const v1 = await follow(a.code);
    const c1 = await ownerDb().selectFrom('referral_clicks').select('id').where('link_id', '=', a.id).executeTakeFirstOrThrow();
    await setClickTime(c1.id, new Date(Date.now() - 31 * 86_400_000));
    const v2 = await follow(b.code, v1.cookie);
    expect(v2.setCookie).not.toBeNull();
    const f = await signUp(v2.cookie);
    expect(await attributionOf(f.id)).toMatchObject({ status: 'attributed', referrer_id: second.id });
  });

  it('the tenant’s window applies: with 7 days the cookie lives 7 days and an 8-day-old click is refused', async () => {
    const t = await makeTenant();
    const token = await tokenFor(t, t.admin.email);
    await setRule({ attributionWindowDays: 7 }, t, token);
    const u = await makeUser(t);
    const m = { ...u, token: await tokenFor(t, u.email) };
    const link = await linkOf(m, { campaign: 'Week' }, t);
    const v = await follow(link.code, null, { t });
    expect(v.setCookie).toContain(`Max-Age=${7 * 86_400}`);
    const c = await ownerDb().selectFrom('referral_clicks').select('id').where('link_id', '=', link.id).executeTakeFirstOrThrow();
    await setClickTime(c.id, new Date(Date.now() - 8 * 86_400_000));
    const f = await signUp(v.cookie, { t });
    expect(await attributionOf(f.id)).toMatchObject({ status: 'refused', refusal_reason: 'window_expired' });
  });

  it('self-referral through the same mailbox (case and a +tag ignored) is refused same_email', async () => {
    const m = await member();
    const link = await linkOf(m);
    const { cookie } = await follow(link.code);
    const [local, domain] = m.email.split('@');
    const f = await signUp(cookie, { email: `${local!.toUpperCase()}+again@${domain}` });
    expect(await attributionOf(f.id)).toMatchObject({ status: 'refused', refusal_reason: 'same_email', referrer_id: m.id });
  });

  it('a sign-up from the device the link was made on is refused same_device; from another device it is attributed', async () => {
    const m = await member();
    const link = await linkOf(m, { campaign: 'Device' }, tenant, '203.0.113.7', 'Browser/1 (referrer)');
    const v = await follow(link.code, null, { ip: '203.0.113.7', ua: 'Browser/1 (referrer)' });
    const same = await signUp(v.cookie, { ip: '203.0.113.7', ua: 'Browser/1 (referrer)' });
    expect(await attributionOf(same.id)).toMatchObject({ status: 'refused', refusal_reason: 'same_device' });
    // The same network with another browser is another device.
    const w = await follow(link.code, null, { ip: '203.0.113.7', ua: 'Browser/2 (friend)' });
    const friend = await signUp(w.cookie, { ip: '203.0.113.7', ua: 'Browser/2 (friend)' });
    expect(await attributionOf(friend.id)).toMatchObject({ status: 'attributed' });
  });

  it('a sign-up from a device the referrer is signed in on is refused same_device', async () => {
    const u = await makeUser(tenant);
    const { POST: login } = await import('../../src/app/api/auth/login/route');
    const l = await call(login, { host: tenant.host, body: { email: u.email, password: PASSWORD }, ip: '198.51.100.23', headers: { 'user-agent': 'Phone/9' } });
    expect(l.status).toBe(200);
    const link = await linkOf({ ...u, token: l.json.token });
    const v = await follow(link.code, null, { ip: '198.51.100.23', ua: 'Phone/9' });
    const f = await signUp(v.cookie, { ip: '198.51.100.23', ua: 'Phone/9' });
    expect(await attributionOf(f.id)).toMatchObject({ status: 'refused', refusal_reason: 'same_device' });
  });

  it('a forged or altered cookie, or another tenant’s, attributes nothing', async () => {
    const m = await member();
    const link = await linkOf(m);
    const { cookie } = await follow(link.code);
    const [payload, mac] = cookie!.split('.');
    const forged = await signUp(`${payload}.${mac!.slice(0, -2)}xx`);
    expect(await attributionOf(forged.id)).toBeUndefined();
    const foreign = await signUp(cookie, { t: other });
    expect(await ownerDb().selectFrom('referral_attributions').select('id').where('tenant_id', '=', other.id).where('referred_user_id', '=', foreign.id).executeTakeFirst()).toBeUndefined();
  });
});

describe('rewards by the tenant rule', () => {
  it('rejects an incomplete rule with 400 naming the field, and audits a change with before and after', async () => {
    const bad = await call(putSettings, { host: tenant.host, method: 'PUT', token: adminToken, body: { attributionWindowDays: 30, rewardKind: 'fixed', rewardScope: 'first' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('rewardAmount');
    const float = await call(putSettings, { host: tenant.host, method: 'PUT', token: adminToken, body: { attributionWindowDays: 30, rewardKind: 'fixed', rewardAmount: '12.5', rewardScope: 'first' } });
    expect(float.status).toBe(400);
    const s = await setRule({ rewardKind: 'bps', rewardBps: 500, rewardCap: '10000' });
    expect(s).toMatchObject({ rewardKind: 'bps', rewardBps: 500, rewardCap: '10000', rewardAmount: null, attributionWindowDays: 30 });
    const audit = await ownerDb().selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', 'referral.settings_updated').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(tenant.admin.id);
    expect(audit.metadata).toMatchObject({ after: { rewardKind: 'bps', rewardBps: 500, rewardCap: '10000' } });
  });

  it('a pending reward is written when the referred investment is confirmed (5% of 1,000.00 USD = 50.00), only for the first one, and clawed back on refund', async () => {
    await setRule({ rewardKind: 'bps', rewardBps: 500, rewardCap: '10000' });
    const referrer = await member();
    const link = await linkOf(referrer);
    const friend = await referredFriend(link.code);
    // Nothing until the confirmation.
    const inv = await call(invest, { host: tenant.host, token: friend.token, params: { id: dealId }, body: { amount: '1000', paymentMethod: 'wire' } });
    expect(inv.status).toBe(201);
    expect(await transactionsOf(referrer.id)).toEqual([]);
    expect((await call(confirm, { host: tenant.host, token: adminToken, params: { id: inv.json.investment.id }, body: {} })).status).toBe(200);
    let txs = await transactionsOf(referrer.id);
    expect(txs.map((x) => [x.kind, x.status, x.amount, x.currency])).toEqual([['reward', 'pending', '5000', 'USD']]);
    let d = (await call(dashboard, { host: tenant.host, token: referrer.token })).json;
    expect(d.rewards).toEqual([{ currency: 'USD', pending: '50.00', earned: '0.00', clawedBack: '0.00' }]);
    expect(d.links[0]).toMatchObject({ clicks: 1, signups: 1, conversions: 1 });
    expect(d.transactions[0]).toMatchObject({ kind: 'reward', status: 'pending', amount: '50.00', referredMember: 'Fran F.' });

    // The rule pays the first investment only.
    await investAndConfirm(friend, '400');
    expect(await transactionsOf(referrer.id)).toHaveLength(1);

    const r = await call(refund, { host: tenant.host, token: adminToken, params: { id: inv.json.investment.id }, body: { reason: 'wire returned by the bank' } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    txs = await transactionsOf(referrer.id);
    expect(txs.map((x) => [x.kind, x.status, x.amount])).toEqual([
      ['reward', 'clawed_back', '5000'],
      ['clawback', 'applied', '-5000'],
    ]);
    expect(txs[1]!.reverses_id).toBe(txs[0]!.id);
    expect(txs[1]!.reason).toContain('wire returned by the bank');
    d = (await call(dashboard, { host: tenant.host, token: referrer.token })).json;
    expect(d.rewards).toEqual([{ currency: 'USD', pending: '0.00', earned: '0.00', clawedBack: '50.00' }]);
    expect(d.links[0].conversions).toBe(0);
  }, 60_000);

  it('every investment earns under scope every, a fixed amount is capped, and a member who signed up without a referral earns nobody anything', async () => {
    await setRule({ rewardKind: 'fixed', rewardAmount: '2500', rewardCap: '2000', rewardScope: 'every' });
    const referrer = await member();
    const friend = await referredFriend((await linkOf(referrer)).code);
    await investAndConfirm(friend, '150');
    await investAndConfirm(friend, '200');
    expect((await transactionsOf(referrer.id)).map((x) => [x.status, x.amount])).toEqual([
      ['pending', '2000'],
      ['pending', '2000'],
    ]);
    const loner = await member();
    await ownerDb().updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', loner.id).execute();
    const before = await ownerDb().selectFrom('referral_transactions').select('id').where('tenant_id', '=', tenant.id).execute();
    await investAndConfirm(loner, '300');
    expect(await ownerDb().selectFrom('referral_transactions').select('id').where('tenant_id', '=', tenant.id).execute()).toHaveLength(before.length);
  }, 60_000);

  it('the chain path too: an escrow released on chain writes the reward, and a reorganisation that undoes the release claws it back', async () => {
    await setRule({ rewardKind: 'fixed', rewardAmount: '700', rewardScope: 'first' });
    const referrer = await member();
    const friend = await referredFriend((await linkOf(referrer)).code);
    const r = await call(invest, { host: tenant.host, token: friend.token, params: { id: dealId }, body: { amount: '300', paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
    const id = r.json.investment.id as string;
    // As the indexer leaves it once the escrow is funded on chain.
    await ownerDb().updateTable('investments').set({ status: 'in_escrow' }).where('tenant_id', '=', tenant.id).where('id', '=', id).execute();
    const moved = await withTenant(tenant.id, null, (t) => confirmInvestmentFromEscrow(t, id, null, 'Escrow released on chain', new Date()));
    expect(moved).toMatchObject({ moved: true, status: 'confirmed' });
    expect((await transactionsOf(referrer.id)).map((x) => [x.kind, x.status, x.amount])).toEqual([['reward', 'pending', '700']]);
    await withTenant(tenant.id, null, (t) => rewindInvestmentOutcome(t, id, 'confirmed', 'in_escrow', 'Chain reorganisation removed the release'));
    const txs = await transactionsOf(referrer.id);
    expect(txs.map((x) => [x.kind, x.status, x.amount, x.reason])).toEqual([
      ['reward', 'clawed_back', '700', null],
      ['clawback', 'applied', '-700', 'Chain reorganisation removed the release'],
    ]);
  }, 60_000);

  it('two investments of one referred member confirmed at once under scope first earn exactly one reward', async () => {
    await setRule({ rewardKind: 'bps', rewardBps: 100, rewardScope: 'first' });
    const referrer = await member();
    const friend = await referredFriend((await linkOf(referrer)).code);
    const ids: string[] = [];
    for (const amount of ['500', '700']) {
      const r = await call(invest, { host: tenant.host, token: friend.token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
      expect(r.status).toBe(201);
      ids.push(r.json.investment.id);
    }
    const results = await Promise.all(ids.map((id) => call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const txs = await transactionsOf(referrer.id);
    expect(txs).toHaveLength(1);
    expect(['500', '700']).toContain(String(Number(txs[0]!.amount)));
  }, 60_000);

  it('the admin approves a pending reward (earned); again is 409 referral_reward_not_pending; the overview and CSV show it', async () => {
    await setRule({ rewardKind: 'fixed', rewardAmount: '1500', rewardScope: 'first' });
    const referrer = await member();
    const friend = await referredFriend((await linkOf(referrer)).code);
    await investAndConfirm(friend, '250');
    const [reward] = await transactionsOf(referrer.id);
    const a = await call(approve, { host: tenant.host, token: adminToken, params: { id: reward!.id } });
    expect(a.status, JSON.stringify(a.json)).toBe(200);
    expect(a.json.reward).toEqual({ id: reward!.id, status: 'earned' });
    const again = await call(approve, { host: tenant.host, token: adminToken, params: { id: reward!.id } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('referral_reward_not_pending');
    const d = (await call(dashboard, { host: tenant.host, token: referrer.token })).json;
    expect(d.rewards).toEqual([{ currency: 'USD', pending: '0.00', earned: '15.00', clawedBack: '0.00' }]);
    const o = await call(adminOverview, { host: tenant.host, token: adminToken });
    expect(o.status).toBe(200);
    expect(o.json.topReferrers.some((r: { userId: string; conversions: number }) => r.userId === referrer.id && r.conversions === 1)).toBe(true);
    expect(o.json.transactions.find((x: { id: string }) => x.id === reward!.id)).toMatchObject({ status: 'earned', referrerEmail: referrer.email, amount: '15.00' });
    const csv = await call(transactionsCsv, { host: tenant.host, token: adminToken });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(csv.json).split('\r\n')[0]).toBe('created_at,id,kind,status,referrer_email,referred_member,investment_id,currency,amount,amount_minor_units,reverses_id,reason');
    expect(String(csv.json)).toContain(`${reward!.id},reward,earned,${referrer.email},Fran F.,`);
    const audits = await ownerDb().selectFrom('audit_logs').select('action').where('tenant_id', '=', tenant.id).where('action', 'in', ['referral.reward_approved', 'referral.transactions_exported']).execute();
    expect(new Set(audits.map((x) => x.action))).toEqual(new Set(['referral.reward_approved', 'referral.transactions_exported']));
  }, 60_000);
});

describe('roles, tenants and the feature switch', () => {
  it('members and issuers may not read or change the admin side (403); visitors must sign in for the dashboard (401)', async () => {
    for (const who of [await member(), await member(tenant, ['issuer'])]) {
      expect((await call(adminOverview, { host: tenant.host, token: who.token })).status).toBe(403);
      expect((await call(putSettings, { host: tenant.host, method: 'PUT', token: who.token, body: { attributionWindowDays: 1, rewardKind: 'none', rewardScope: 'first' } })).status).toBe(403);
      expect((await call(transactionsCsv, { host: tenant.host, token: who.token })).status).toBe(403);
      expect((await call(approve, { host: tenant.host, token: who.token, params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(403);
      expect((await call(dashboard, { host: tenant.host, token: who.token })).status).toBe(200);
    }
    expect((await call(dashboard, { host: tenant.host })).status).toBe(401);
    expect((await call(createLink, { host: tenant.host, body: { campaign: 'x' } })).status).toBe(401);
  });

  it('one tenant’s links, rewards and members are invisible to another: a foreign code is 404, a foreign reward 404, the dashboards show only their own', async () => {
    const theirs = await member(other);
    const link = await linkOf(theirs, { campaign: 'Elsewhere' }, other);
    expect((await follow(link.code)).status).toBe(404);
    const referrer = await member();
    await setRule({ rewardKind: 'fixed', rewardAmount: '100', rewardScope: 'every' });
    const friend = await referredFriend((await linkOf(referrer)).code);
    await investAndConfirm(friend, '100');
    const [reward] = await transactionsOf(referrer.id);
    const otherAdmin = await tokenFor(other, other.admin.email);
    expect((await call(approve, { host: other.host, token: otherAdmin, params: { id: reward!.id } })).status).toBe(404);
    const o = (await call(adminOverview, { host: other.host, token: otherAdmin })).json;
    expect(o.transactions).toEqual([]);
    expect(o.topReferrers.map((r: { userId: string }) => r.userId)).toEqual([theirs.id]);
    expect(JSON.stringify(o)).not.toContain(referrer.email);
    expect((await call(dashboard, { host: other.host, token: theirs.token })).json.links.map((l: { code: string }) => l.code)).toEqual([link.code]);
  }, 60_000);

  it('with the referrals feature off the routes answer 403 feature_disabled and sign-ups attribute nothing', async () => {
    const t = await makeTenant();
    const token = await tokenFor(t, t.admin.email);
    const u = await makeUser(t);
    const m = { ...u, token: await tokenFor(t, u.email) };
    const link = await linkOf(m, { campaign: 'Before' }, t);
    const { cookie } = await follow(link.code, null, { t });
    const off = await call(patchTenant, { host: t.host, method: 'PATCH', path: '/api/admin/tenant', token, body: { features: { referrals: false } } });
    expect(off.status).toBe(200);
    const r = await call(dashboard, { host: t.host, token: m.token });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('feature_disabled');
    expect((await follow(link.code, null, { t })).status).toBe(403);
    const f = await signUp(cookie, { t });
    expect(await attributionOf(f.id)).toBeUndefined();
  });
});
