import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listCampaignsRoute, POST as createCampaignRoute } from '../../src/app/api/admin/newsletter/campaigns/route';
import { GET as getCampaignRoute, PATCH as patchCampaignRoute } from '../../src/app/api/admin/newsletter/campaigns/[id]/route';
import { POST as sendRoute } from '../../src/app/api/admin/newsletter/campaigns/[id]/send/route';
import { POST as unscheduleRoute } from '../../src/app/api/admin/newsletter/campaigns/[id]/unschedule/route';
import { POST as previewRoute } from '../../src/app/api/admin/newsletter/preview/route';
import { POST as confirmRoute } from '../../src/app/api/newsletter/confirm/route';
import { POST as subscribeRoute } from '../../src/app/api/newsletter/subscribe/route';
import { GET as mySubscription, PUT as setMySubscription } from '../../src/app/api/newsletter/subscription/route';
import { POST as unsubscribeRoute } from '../../src/app/api/newsletter/unsubscribe/route';
import { POST as createGroup } from '../../src/app/api/issuer/groups/route';
import { GET as clickRoute } from '../../src/app/c/[token]/route';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { deliverPending } from '../../src/server/notifications/delivery';
import { devInboxTransport } from '../../src/server/notifications/transports';
import { runNewsletterSends } from '../../src/server/newsletter/service';
import { seedDemoNewsletter } from '../../src/server/platform/demo-newsletter';
import { eraseMember } from '../../src/server/privacy/erase';
import { getConfig } from '../../src/server/config';
import { confirmationToken } from '../../src/server/newsletter/tokens';
import { call } from '../helpers/api';
import { makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Newsletters end to end against PostgreSQL: double opt-in, campaigns queued through the email
// outbox once, RFC 8058 one-click unsubscribe, signed click tracking, segments, roles, tenants.

let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;

const mails = (tenantId: string, to: string, template: string) =>
  ownerDb().selectFrom('email_outbox').select(['id', 'to_address', 'subject', 'body_text', 'body_html', 'headers', 'template']).where('tenant_id', '=', tenantId).where('to_address', '=', to).where('template', '=', template).orderBy('created_at').execute();

const addr = (tag: string) => `${tag}-${Math.random().toString(36).slice(2, 8)}@reader.example`;

/** Subscribes through the form and confirms with the mailed link, as a reader would. */
async function confirmedSubscriber(t: TestTenant, email = addr('sub')): Promise<string> {
  const s = await call(subscribeRoute, { host: t.host, body: { email } });
  expect(s.status).toBe(202);
  const [mail] = await mails(t.id, email, 'newsletter_confirmation');
  const token = /\/newsletter\/confirm\?token=([^\s)"]+)/.exec(mail!.body_text)![1]!;
  const c = await call(confirmRoute, { host: t.host, body: { token } });
  expect(c.status).toBe(200);
  return email;
}

async function campaign(t: TestTenant, token: string, body: Record<string, unknown> = {}) {
  const r = await call(createCampaignRoute, { host: t.host, token, body: { subject: 'Our June letter', body: 'Hello **readers**. Read [the update](https://news.example/june?a=1&b=2) and [our deals](/deals).', segment: 'all', ...body } });
  expect(r.status).toBe(201);
  return r.json.campaign.id as string;
}

async function sendNow(t: TestTenant, token: string, id: string) {
  const r = await call(sendRoute, { host: t.host, token, params: { id }, body: {} });
  expect(r.status).toBe(200);
  await runNewsletterSends({ tenantIds: [t.id] });
}

const click = (t: TestTenant, token: string) => clickRoute(new Request(`http://${t.host}/c/${token}`, { headers: { host: t.host } }), { params: Promise.resolve({ token }) });

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
});

afterAll(async () => {
  await closePools();
});

describe('double opt-in', () => {
  it('an unconfirmed address never receives a campaign; the confirmed one does', async () => {
    const pending = addr('pending');
    expect((await call(subscribeRoute, { host: a.host, body: { email: pending } })).status).toBe(202);
    const confirmed = await confirmedSubscriber(a);
    const id = await campaign(a, adminA);
    await sendNow(a, adminA, id);
    expect(await mails(a.id, pending, 'newsletter')).toHaveLength(0);
    expect(await mails(a.id, confirmed, 'newsletter')).toHaveLength(1);
  });

  it('the confirmation mail carries a link; a tampered, foreign or expired token is refused and confirms nothing', async () => {
    const email = addr('optin');
    const r = await call(subscribeRoute, { host: a.host, body: { email } });
    expect(r.json).toEqual({ status: 'confirmation_sent' });
    const [mail] = await mails(a.id, email, 'newsletter_confirmation');
    const token = /\/newsletter\/confirm\?token=([^\s)"]+)/.exec(mail!.body_text)![1]!;
    const [sid, exp, sig] = token.split('.');
    const tampered = `${sid}.${exp}.${sig!.slice(0, -1)}${sig!.endsWith('a') ? 'b' : 'a'}`;
    const later = `${sid}.${Number(exp) + 3600}.${sig}`;
    for (const bad of [tampered, later, 'nonsense', `${sid}.${exp}`]) {
      const c = await call(confirmRoute, { host: a.host, body: { token: bad } });
      expect({ bad, status: c.status, code: c.json.code }).toEqual({ bad, status: 400, code: 'invalid_token' });
    }
    // The same token on another tenant's host names nobody there.
    expect((await call(confirmRoute, { host: b.host, body: { token } })).json.code).toBe('invalid_token');
    const expired = confirmationToken(a.id, sid!, email, new Date(Date.now() - 8 * 24 * 3600 * 1000));
    const e = await call(confirmRoute, { host: a.host, body: { token: expired } });
    expect([e.status, e.json.code]).toEqual([400, 'token_expired']);
    const s = await ownerDb().selectFrom('newsletter_subscribers').select('status').where('tenant_id', '=', a.id).where('email', '=', email).executeTakeFirstOrThrow();
    expect(s.status).toBe('pending');
    const ok = await call(confirmRoute, { host: a.host, body: { token } });
    expect(ok.json).toEqual({ status: 'confirmed', email });
  });

  it('the form answers the same for a confirmed address and sends it no second mail; bad input is a 400 naming email', async () => {
    const email = await confirmedSubscriber(a);
    const again = await call(subscribeRoute, { host: a.host, body: { email } });
    expect(again.json).toEqual({ status: 'confirmation_sent' });
    expect(await mails(a.id, email, 'newsletter_confirmation')).toHaveLength(1);
    const bad = await call(subscribeRoute, { host: a.host, body: { email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.errors)).toContain('email');
  });

  it('is rate-limited per address and per client address (429)', async () => {
    const email = addr('flood');
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await call(subscribeRoute, { host: a.host, body: { email } })).status);
    expect(codes).toEqual([202, 202, 202, 429]);
    const ipCodes = [];
    for (let i = 0; i < 11; i++) ipCodes.push((await call(subscribeRoute, { host: a.host, ip: '10.9.9.9', body: { email: addr(`ip${i}`) } })).status);
    expect(ipCodes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(ipCodes[10]).toBe(429);
  });
});

describe('campaign mail, one-click unsubscribe and click tracking', () => {
  let email: string;
  let id: string;
  let mail: Awaited<ReturnType<typeof mails>>[number];

  beforeAll(async () => {
    email = await confirmedSubscriber(a);
    id = await campaign(a, adminA);
    await sendNow(a, adminA, id);
    mail = (await mails(a.id, email, 'newsletter'))[0]!;
  });

  it('every campaign email has RFC 8058 headers and the body in the tenant’s layout, links rewritten to /c/', () => {
    const headers = mail.headers as Record<string, string>;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(headers['List-Unsubscribe']).toMatch(new RegExp(`^<http://${a.host}:\\d+/api/newsletter/unsubscribe\\?token=[0-9a-f.-]+>$`));
    expect(mail.subject).toBe(`Tenant ${a.slug}: Our June letter`);
    expect(mail.body_html).toContain('<strong>readers</strong>');
    expect(mail.body_html).not.toContain('news.example');
    expect(mail.body_html).not.toContain('__CDP_NEWSLETTER');
    expect(mail.body_text).not.toContain('__CDP_NEWSLETTER');
    expect(mail.body_text.match(/\/c\/[0-9a-f.-]+/g)).toHaveLength(2);
  });

  it('a signed link records the click and redirects to its target; anything altered is a 400 page and no redirect', async () => {
    const links = [...mail.body_text.matchAll(/\/c\/([0-9a-f.-]+)/g)].map((m) => m[1]!);
    const r = await click(a, links[0]!);
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('https://news.example/june?a=1&b=2');
    const second = await click(a, links[1]!);
    expect(second.headers.get('location')).toMatch(new RegExp(`^http://${a.host}:\\d+/deals$`));
    const [c, s, i, sig] = links[0]!.split('.');
    const forged = [
      `${c}.${s}.1.${sig}`, // another of the campaign's links with the first one's signature
      `${c}.${s}.7.${sig}`, // no such link
      `${c}.${s}.${i}.${'0'.repeat(32)}`,
      `${c}.${'0'.repeat(8)}-0000-7000-8000-000000000000.${i}.${sig}`,
      'https:%2F%2Fevil.example',
    ];
    for (const f of forged) {
      const res = await click(a, f);
      expect({ f, status: res.status, location: res.headers.get('location') }).toEqual({ f, status: 400, location: null });
      expect(await res.text()).toContain('This link is not valid');
    }
    // Another tenant's host: its key signed nothing of this.
    expect((await click(b, links[0]!)).status).toBe(400);
    const clicks = await ownerDb().selectFrom('click_tracking').select(['link_index', 'target_url']).where('tenant_id', '=', a.id).where('campaign_id', '=', id).orderBy('clicked_at').execute();
    expect(clicks).toEqual([
      { link_index: 0, target_url: 'https://news.example/june?a=1&b=2' },
      { link_index: 1, target_url: expect.stringMatching(/\/deals$/) },
    ]);
  });

  it('statistics: recipients, delivered per the outbox, unique clicks, click rate', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-inbox-'));
    await deliverPending({ db: ownerDb(), transport: devInboxTransport(dir), mailFrom: 'News <news@deals.example>', batch: 500, tenantIds: [a.id] });
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
    const mine = files.find((f) => f.includes(`To: ${email}`) && f.includes('Our June letter'))!;
    expect(mine).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const r = await call(getCampaignRoute, { host: a.host, token: adminA, params: { id } });
    expect(r.json.campaign.status).toBe('sent');
    const stats = r.json.campaign.stats;
    expect(stats.recipients).toBeGreaterThanOrEqual(1);
    expect(stats.delivered).toBe(stats.recipients);
    expect(stats.uniqueClicks).toBe(1);
    expect(stats.clicks).toBe(2);
    expect(Number(stats.clickRate)).toBeCloseTo(1 / stats.recipients, 3);
  });

  it('the one-click POST needs no session, unsubscribes, counts for the campaign, and that address never receives again', async () => {
    const url = /<([^>]+)>/.exec((mail.headers as Record<string, string>)['List-Unsubscribe']!)![1]!;
    const token = new URL(url).searchParams.get('token')!;
    const tampered = await call(unsubscribeRoute, { host: a.host, path: `/api/newsletter/unsubscribe?token=${token}0`, method: 'POST' });
    expect([tampered.status, tampered.json.code]).toEqual([400, 'invalid_token']);
    expect((await call(unsubscribeRoute, { host: b.host, path: `/api/newsletter/unsubscribe?token=${token}`, method: 'POST' })).json.code).toBe('invalid_token');
    const r = await call(unsubscribeRoute, { host: a.host, path: `/api/newsletter/unsubscribe?token=${token}`, method: 'POST', rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ unsubscribed: true });
    const stats = (await call(getCampaignRoute, { host: a.host, token: adminA, params: { id } })).json.campaign.stats;
    expect(stats.unsubscribes).toBe(1);
    // Subscribing again through the form needs a new confirmation; until then nothing arrives.
    await call(subscribeRoute, { host: a.host, body: { email } });
    const next = await campaign(a, adminA, { subject: 'July' });
    await sendNow(a, adminA, next);
    expect((await mails(a.id, email, 'newsletter')).map((m) => m.subject)).toEqual([`Tenant ${a.slug}: Our June letter`]);
  });
});

describe('segments', () => {
  it('members, verified investors, a group’s members and an issuer’s followers are the confirmed subscribers whose address is such a member', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const outsider = await confirmedSubscriber(t);
    const member = await makeUser(t, ['investor']);
    await confirmedSubscriber(t, member.email);
    const verified = await makeUser(t, ['investor']);
    await confirmedSubscriber(t, verified.email);
    await ownerDb().updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', t.id).where('user_id', '=', verified.id).execute();
    const unconfirmedMember = await makeUser(t, ['investor']);
    await call(subscribeRoute, { host: t.host, body: { email: unconfirmedMember.email } });
    const issuer = await makeVerifiedIssuer(t, admin);
    const g = await call(createGroup, { host: t.host, token: issuer.token, body: { name: 'Solar circle', description: 'Members', questions: [] } });
    expect(g.status).toBe(201);
    await ownerDb().insertInto('group_memberships').values({ tenant_id: t.id, group_id: g.json.id, user_id: member.id, joined_via: 'invitation' }).execute();

    const recipients = async (body: Record<string, unknown>) => {
      const id = await campaign(t, admin, body);
      await sendNow(t, admin, id);
      return (await ownerDb().selectFrom('newsletter_sends as s').innerJoin('newsletter_subscribers as n', (j) => j.onRef('n.tenant_id', '=', 's.tenant_id').onRef('n.id', '=', 's.subscriber_id')).select('n.email').where('s.tenant_id', '=', t.id).where('s.campaign_id', '=', id).execute())
        .map((r) => r.email)
        .sort();
    };
    expect(await recipients({ segment: 'all' })).toEqual([outsider, member.email, verified.email].sort());
    expect(await recipients({ segment: 'members' })).toEqual([member.email, verified.email].sort());
    expect(await recipients({ segment: 'verified_investors' })).toEqual([verified.email]);
    expect(await recipients({ segment: 'group', groupId: g.json.id })).toEqual([member.email]);
    // A group of another tenant is no group here.
    const foreign = await call(createCampaignRoute, { host: b.host, token: adminB, body: { subject: 'x', body: 'x', segment: 'group', groupId: g.json.id } });
    expect([foreign.status, foreign.json.errors?.[0]?.field]).toEqual([400, 'groupId']);
    const missing = await call(createCampaignRoute, { host: t.host, token: admin, body: { subject: 'x', body: 'x', segment: 'group' } });
    expect([missing.status, missing.json.errors?.[0]?.field]).toEqual([400, 'groupId']);

    // Followers of an issuer on the community feed: the confirmed subscribers among them.
    await ownerDb().insertInto('user_follows').values([{ tenant_id: t.id, follower_id: verified.id, followee_id: issuer.id }, { tenant_id: t.id, follower_id: unconfirmedMember.id, followee_id: issuer.id }]).execute();
    expect(await recipients({ segment: 'issuer_followers', issuerUserId: issuer.id })).toEqual([verified.email]);
    // Someone who is not an issuer here, or no one, is refused naming the field.
    const notIssuer = await call(createCampaignRoute, { host: t.host, token: admin, body: { subject: 'x', body: 'x', segment: 'issuer_followers', issuerUserId: member.id } });
    expect([notIssuer.status, notIssuer.json.errors?.[0]?.field]).toEqual([400, 'issuerUserId']);
    const noIssuer = await call(createCampaignRoute, { host: t.host, token: admin, body: { subject: 'x', body: 'x', segment: 'issuer_followers' } });
    expect([noIssuer.status, noIssuer.json.errors?.[0]?.field]).toEqual([400, 'issuerUserId']);
    const foreignIssuer = await call(createCampaignRoute, { host: b.host, token: adminB, body: { subject: 'x', body: 'x', segment: 'issuer_followers', issuerUserId: issuer.id } });
    expect([foreignIssuer.status, foreignIssuer.json.errors?.[0]?.field]).toEqual([400, 'issuerUserId']);
  });

  it('a member turns the newsletter on from their settings (verified address: at once) and off again', async () => {
    const m = await makeUser(a, ['investor']);
    await ownerDb().updateTable('users').set({ email_verified_at: new Date() }).where('tenant_id', '=', a.id).where('id', '=', m.id).execute();
    const token = await tokenFor(a, m.email);
    expect((await call(mySubscription, { host: a.host, token })).json).toEqual({ status: 'none', email: m.email });
    expect((await call(setMySubscription, { host: a.host, token, method: 'PUT', body: { subscribed: true } })).json.status).toBe('confirmed');
    expect((await call(setMySubscription, { host: a.host, token, method: 'PUT', body: { subscribed: false } })).json.status).toBe('unsubscribed');
    const unverified = await makeUser(a, ['investor']);
    await ownerDb().updateTable('users').set({ email_verified_at: null }).where('tenant_id', '=', a.id).where('id', '=', unverified.id).execute();
    const t2 = await tokenFor(a, unverified.email);
    expect((await call(setMySubscription, { host: a.host, token: t2, method: 'PUT', body: { subscribed: true } })).json.status).toBe('pending');
    expect(await mails(a.id, unverified.email, 'newsletter_confirmation')).toHaveLength(1);
  });
});

describe('scheduling and sending once', () => {
  it('a scheduled campaign waits for its time, then concurrent sending jobs queue exactly one email per recipient, in batches', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const readers = [];
    for (let i = 0; i < 7; i++) readers.push(await confirmedSubscriber(t));
    const id = await campaign(t, admin);
    const at = new Date(Date.now() + 3600_000).toISOString();
    const past = await call(sendRoute, { host: t.host, token: admin, params: { id }, body: { at: new Date(Date.now() - 1000).toISOString() } });
    expect([past.status, past.json.errors?.[0]?.field]).toEqual([400, 'at']);
    const s = await call(sendRoute, { host: t.host, token: admin, params: { id }, body: { at } });
    expect(s.status).toBe(200);
    expect(s.json.campaign.status).toBe('scheduled');
    expect(s.json.recipients).toBe(7);
    const twice = await call(sendRoute, { host: t.host, token: admin, params: { id }, body: {} });
    expect([twice.status, twice.json.code]).toEqual([409, 'campaign_not_draft']);
    const edit = await call(patchCampaignRoute, { host: t.host, token: admin, method: 'PATCH', params: { id }, body: { subject: 'late' } });
    expect([edit.status, edit.json.code]).toEqual([409, 'campaign_not_editable']);
    expect((await runNewsletterSends({ tenantIds: [t.id] })).queued).toBe(0);
    // The due time comes.
    await ownerDb().updateTable('newsletter_campaigns').set({ scheduled_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', t.id).where('id', '=', id).execute();
    const runs = await Promise.all([1, 2, 3].map(() => runNewsletterSends({ tenantIds: [t.id], batch: 2 })));
    expect(runs.reduce((n, r) => n + r.queued, 0)).toBe(7);
    expect((await runNewsletterSends({ tenantIds: [t.id] })).queued).toBe(0);
    for (const r of readers) expect(await mails(t.id, r, 'newsletter')).toHaveLength(1);
    const c = (await call(getCampaignRoute, { host: t.host, token: admin, params: { id } })).json.campaign;
    expect([c.status, c.stats.recipients]).toEqual(['sent', 7]);
    const audit = await ownerDb().selectFrom('audit_logs').select('action').where('tenant_id', '=', t.id).where('target_id', '=', id).orderBy('created_at').execute();
    expect(audit.map((r) => r.action)).toEqual(['newsletter.campaign_created', 'newsletter.campaign_scheduled']);
  });

  it('a scheduled campaign taken back to draft is not sent; send-now with nobody in the segment is refused', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const id = await campaign(t, admin);
    const none = await call(sendRoute, { host: t.host, token: admin, params: { id }, body: {} });
    expect([none.status, none.json.code]).toEqual([409, 'no_recipients']);
    await confirmedSubscriber(t);
    await call(sendRoute, { host: t.host, token: admin, params: { id }, body: { at: new Date(Date.now() + 60_000).toISOString() } });
    const u = await call(unscheduleRoute, { host: t.host, token: admin, params: { id } });
    expect(u.json.campaign.status).toBe('draft');
    await ownerDb().updateTable('newsletter_campaigns').set({ scheduled_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', t.id).where('id', '=', id).execute();
    expect((await runNewsletterSends({ tenantIds: [t.id] })).queued).toBe(0);
  });
});

describe('preview, roles and tenant isolation', () => {
  it('the preview is the mail in the tenant’s branding, with the body sanitized', async () => {
    const r = await call(previewRoute, { host: a.host, token: adminA, body: { subject: 'Hi', body: 'Safe [link](https://x.example/) <script>alert(1)</script><img src=x onerror=alert(1)>' } });
    expect(r.status).toBe(200);
    expect(r.json.subject).toBe(`Tenant ${a.slug}: Hi`);
    expect(r.json.html).toContain('href="https://x.example/"');
    expect(r.json.html).toContain(`Tenant ${a.slug}`);
    expect(r.json.html).not.toMatch(/<script|onerror/);
  });

  it('only the tenant’s admins reach campaigns; an investor gets 403 and a visitor 401', async () => {
    const inv = await makeUser(a, ['investor']);
    const token = await tokenFor(a, inv.email);
    const id = await campaign(a, adminA);
    for (const [handler, opts] of [
      [listCampaignsRoute, {}],
      [createCampaignRoute, { body: { subject: 'x', body: 'x', segment: 'all' } }],
      [getCampaignRoute, { params: { id } }],
      [sendRoute, { params: { id }, body: {} }],
      [previewRoute, { body: { subject: 'x', body: 'x' } }],
    ] as const) {
      expect((await call(handler, { host: a.host, token, ...opts })).status).toBe(403);
      expect((await call(handler, { host: a.host, ...opts })).status).toBe(401);
    }
  });

  it('another tenant’s admin cannot see, edit or send a campaign (404), and lists only their own', async () => {
    const id = await campaign(a, adminA, { subject: 'A-only letter' });
    expect((await call(getCampaignRoute, { host: b.host, token: adminB, params: { id } })).status).toBe(404);
    expect((await call(patchCampaignRoute, { host: b.host, token: adminB, method: 'PATCH', params: { id }, body: { subject: 'pwned' } })).status).toBe(404);
    expect((await call(sendRoute, { host: b.host, token: adminB, params: { id }, body: {} })).status).toBe(404);
    // A's token on B's host is refused outright.
    expect((await call(getCampaignRoute, { host: b.host, token: adminA, params: { id } })).status).toBe(401);
    const list = await call(listCampaignsRoute, { host: b.host, token: adminB });
    expect(JSON.stringify(list.json)).not.toContain('A-only letter');
  });
});

describe('demo seed', () => {
  it('subscribes the two demo investors and leaves a draft campaign, once', async () => {
    const t = await makeTenant();
    const investors = [await makeUser(t, ['investor']), await makeUser(t, ['investor'])];
    for (let i = 0; i < 2; i++) await seedDemoNewsletter(t.id, t.slug, { admin: t.admin.email, investors: investors.map((u) => u.email) });
    const admin = await tokenFor(t, t.admin.email);
    const r = await call(listCampaignsRoute, { host: t.host, token: admin });
    expect(r.json.campaigns.map((c: { status: string }) => c.status)).toEqual(['draft']);
    expect(r.json.subscribers.confirmed).toBe(2);
  });
});

describe('member erasure', () => {
  it('removes the member’s subscription with its sends and clicks; the campaign’s other rows stay', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const m = await makeUser(t, ['investor']);
    await confirmedSubscriber(t, m.email);
    const other = await confirmedSubscriber(t);
    const id = await campaign(t, admin);
    await sendNow(t, admin, id);
    const [mail] = await mails(t.id, m.email, 'newsletter');
    expect((await click(t, /\/c\/([0-9a-f.-]+)/.exec(mail!.body_text)![1]!)).status).toBe(302);
    await eraseMember(t.id, m.id, { dataDir: getConfig().DATA_DIR, actorId: null, requestId: null });
    const left = await ownerDb().selectFrom('newsletter_subscribers').select('email').where('tenant_id', '=', t.id).execute();
    expect(left.map((r) => r.email)).toEqual([other]);
    expect(await ownerDb().selectFrom('click_tracking').select('id').where('tenant_id', '=', t.id).execute()).toHaveLength(0);
    expect(await ownerDb().selectFrom('newsletter_sends').select('subscriber_id').where('tenant_id', '=', t.id).execute()).toHaveLength(1);
  });
});
