import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as removeBot, GET as botSettings, PUT as setBot } from '../../src/app/api/admin/telegram/route';
import { GET as preferences } from '../../src/app/api/notifications/preferences/route';
import { DELETE as unlink, GET as myTelegram } from '../../src/app/api/notifications/telegram/route';
import { POST as linkCode } from '../../src/app/api/notifications/telegram/link-code/route';
import { POST as webhook } from '../../src/app/api/webhooks/telegram/[secret]/route';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { notify, type NotificationEvent } from '../../src/server/notifications/notify';
import { deliverTelegram } from '../../src/server/telegram/delivery';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { startFakeTelegram, textUpdate, type FakeTelegram } from '../helpers/fake-telegram';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Telegram: a tenant's admins set its bot; a member links a chat with a one-time code sent to
// the bot (/start <code>); notifications reach the chat through the tenant's own bot, retried on
// Telegram's 5xx; deal updates are pinned one per deal; tenant A's bot never carries B's events.

const TOKEN_A = `111111:${'A'.repeat(35)}`;
const TOKEN_B = `222222:${'B'.repeat(35)}`;

let tg: FakeTelegram;
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
const hooks = new Map<string, { secret: string; header: string }>();

beforeAll(async () => {
  tg = await startFakeTelegram();
  process.env.TELEGRAM_API_ROOT = tg.apiRoot;
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  a = await makeTenant();
  b = await makeTenant();
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
});
afterAll(async () => {
  await tg.close();
  delete process.env.TELEGRAM_API_ROOT;
  resetConfigCache();
});

async function configure(tenant: TestTenant, adminToken: string, botToken: string) {
  const r = await call(setBot, { host: tenant.host, token: adminToken, method: 'PUT', body: { token: botToken } });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  const set = tg.calls.filter((c) => c.token === botToken && c.method === 'setWebhook').at(-1)!;
  const secret = new URL(set.payload.url).pathname.split('/').at(-1)!;
  hooks.set(tenant.id, { secret, header: set.payload.secret_token });
  return r.json;
}

const post = (tenant: TestTenant, update: unknown, over: { secret?: string; header?: string | null } = {}) => {
  const h = hooks.get(tenant.id)!;
  const header = over.header === undefined ? h.header : over.header;
  return call(webhook, { host: tenant.host, method: 'POST', params: { secret: over.secret ?? h.secret }, body: update, headers: header === null ? {} : { 'x-telegram-bot-api-secret-token': header } });
};

async function link(tenant: TestTenant, chatId: number) {
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  const c = await call(linkCode, { host: tenant.host, token, method: 'POST' });
  expect(c.status, JSON.stringify(c.json)).toBe(201);
  const r = await post(tenant, textUpdate(chatId, `/start ${c.json.code}`));
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { ...u, token, code: c.json.code as string };
}

const event = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  type: 'investment.confirmed',
  userId,
  title: 'Your investment is confirmed',
  body: 'Acme <Series A> & friends: 1,000.00 USD',
  link: '/portfolio',
  dedupeKey: randomBytes(6).toString('hex'),
  ...over,
});

const deliver = (tenants: TestTenant[], now?: () => Date) => deliverTelegram({ db: ownerDb(), config: getConfig(), tenantIds: tenants.map((t) => t.id), now });
const sent = (botToken: string, chatId?: number) => tg.calls.filter((c) => c.token === botToken && c.method === 'sendMessage' && (chatId === undefined || Number(c.payload.chat_id) === chatId));
const telegramRows = (tenant: TestTenant, userId: string) =>
  ownerDb().selectFrom('notification_outbox').select(['status', 'attempts', 'last_error', 'next_attempt_at']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).where('channel', '=', 'telegram').execute();

describe('the tenant’s bot', () => {
  it('is set by a tenant admin only: checked with Telegram, sealed at rest, webhook registered with a secret header', async () => {
    const investor = await makeUser(a);
    const denied = await call(setBot, { host: a.host, token: await tokenFor(a, investor.email), method: 'PUT', body: { token: TOKEN_A } });
    expect(denied.status).toBe(403);
    const malformed = await call(setBot, { host: a.host, token: adminA, method: 'PUT', body: { token: 'not-a-token' } });
    expect([malformed.status, malformed.json.code]).toEqual([400, 'telegram_token_invalid']);
    const refusedToken = `333333:${'C'.repeat(35)}`;
    tg.refused.add(refusedToken);
    const refused = await call(setBot, { host: a.host, token: adminA, method: 'PUT', body: { token: refusedToken } });
    expect([refused.status, refused.json.code]).toEqual([400, 'telegram_token_rejected']);

    const view = await configure(a, adminA, TOKEN_A);
    expect(view).toMatchObject({ configured: true, source: 'tenant', botUsername: 'deals_111111_bot', webhook: { set: true, error: null } });
    expect(JSON.stringify(view)).not.toContain(TOKEN_A);
    const row = await ownerDb().selectFrom('telegram_bots').select(['token_sealed']).where('tenant_id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.token_sealed).not.toContain('AAAAAAAA');
    expect(hooks.get(a.id)!.header).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    const audit = await ownerDb().selectFrom('audit_logs').select(['action', 'metadata']).where('tenant_id', '=', a.id).where('action', '=', 'telegram.bot_configured').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(TOKEN_A);
    await configure(b, adminB, TOKEN_B);
    expect((await call(botSettings, { host: b.host, token: adminB })).json.botUsername).toBe('deals_222222_bot');
  });
});

describe('linking a chat', () => {
  it('links the chat that sends /start <code>, once; the code’s deep link names the tenant’s bot', async () => {
    const u = await makeUser(a);
    const token = await tokenFor(a, u.email);
    const before = await call(myTelegram, { host: a.host, token });
    expect(before.json).toEqual({ available: true, botUsername: 'deals_111111_bot', linked: null });
    const c = await call(linkCode, { host: a.host, token, method: 'POST' });
    expect(c.status).toBe(201);
    expect(c.json.deepLink).toBe(`https://t.me/deals_111111_bot?start=${c.json.code}`);
    expect(await post(a, textUpdate(5001, `/start ${c.json.code}`, 'ann'))).toMatchObject({ status: 200 });
    expect(sent(TOKEN_A, 5001).at(-1)!.payload.text).toMatch(/^Linked/);
    const after = await call(myTelegram, { host: a.host, token });
    expect(after.json.linked).toMatchObject({ username: 'ann' });
    // The preferences page offers Telegram now.
    const prefs = await call(preferences, { host: a.host, token });
    expect(prefs.json.channels).toContainEqual({ channel: 'telegram', available: true });

    // The same code from another chat links nothing.
    await post(a, textUpdate(5002, `/start ${c.json.code}`));
    expect(sent(TOKEN_A, 5002).at(-1)!.payload.text).toMatch(/not valid/);
    expect(await ownerDb().selectFrom('telegram_links').select('user_id').where('tenant_id', '=', a.id).where('chat_id', '=', '5002').execute()).toEqual([]);
  });

  it('refuses an expired code and a code of another tenant', async () => {
    const u = await makeUser(a);
    const token = await tokenFor(a, u.email);
    const c = await call(linkCode, { host: a.host, token, method: 'POST' });
    await ownerDb().updateTable('telegram_link_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', a.id).where('user_id', '=', u.id).execute();
    await post(a, textUpdate(5003, `/start ${c.json.code}`));
    expect(sent(TOKEN_A, 5003).at(-1)!.payload.text).toMatch(/not valid/);

    const ub = await makeUser(b);
    const cb = await call(linkCode, { host: b.host, token: await tokenFor(b, ub.email), method: 'POST' });
    await post(a, textUpdate(5004, `/start ${cb.json.code}`));
    expect(sent(TOKEN_A, 5004).at(-1)!.payload.text).toMatch(/not valid/);
    expect(await ownerDb().selectFrom('telegram_links').select('user_id').where('chat_id', '=', '5004').execute()).toEqual([]);
  });

  it('answers 401 to a wrong or missing secret header and 404 to a wrong path or another tenant’s path, changing nothing', async () => {
    const u = await makeUser(a);
    const c = await call(linkCode, { host: a.host, token: await tokenFor(a, u.email), method: 'POST' });
    const wrong = await post(a, textUpdate(5005, `/start ${c.json.code}`), { header: 'x'.repeat(43) });
    expect([wrong.status, wrong.json.code]).toEqual([401, 'telegram_secret_invalid']);
    expect((await post(a, textUpdate(5005, `/start ${c.json.code}`), { header: null })).status).toBe(401);
    expect((await post(a, textUpdate(5005, `/start ${c.json.code}`), { secret: 'guessed-path' })).status).toBe(404);
    // Tenant A's path and header on tenant B's host: B's bot has its own.
    const h = hooks.get(a.id)!;
    expect((await call(webhook, { host: b.host, method: 'POST', params: { secret: h.secret }, body: textUpdate(5005, '/start x'), headers: { 'x-telegram-bot-api-secret-token': h.header } })).status).toBe(404);
    expect(await ownerDb().selectFrom('telegram_links').select('user_id').where('chat_id', '=', '5005').execute()).toEqual([]);
    // The code still works from the right place.
    expect((await post(a, textUpdate(5005, `/start ${c.json.code}`))).status).toBe(200);
    expect(await ownerDb().selectFrom('telegram_links').select('user_id').where('tenant_id', '=', a.id).where('chat_id', '=', '5005').execute()).toEqual([{ user_id: u.id }]);
  });
});

describe('delivery', () => {
  it('sends a linked member’s notifications through the tenant’s own bot, escaped for Telegram’s HTML', async () => {
    const u = await link(a, 6001);
    await withTenant(a.id, null, (t) => notify(t, event(u.id)));
    expect(await deliver([a])).toEqual({ sent: 1, retried: 0, failed: 0 });
    const msg = sent(TOKEN_A, 6001).at(-1)!;
    expect(msg.payload.parse_mode).toBe('HTML');
    expect(msg.payload.text).toContain('Acme &lt;Series A&gt; &amp; friends');
    expect(msg.payload.text).toContain('/portfolio');
    expect(await telegramRows(a, u.id)).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    // Delivered once: another round sends nothing.
    expect(await deliver([a])).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries after Telegram’s 5xx with backoff, and gives up at once when the user blocked the bot', async () => {
    const u = await link(a, 6002);
    await withTenant(a.id, null, (t) => notify(t, event(u.id)));
    tg.failSend.push(502);
    expect(await deliver([a])).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [row] = await telegramRows(a, u.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('502') });
    expect(row!.next_attempt_at!.getTime()).toBeGreaterThan(Date.now());
    // Not due before its backoff...
    expect(await deliver([a])).toEqual({ sent: 0, retried: 0, failed: 0 });
    await ownerDb().updateTable('notification_outbox').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', a.id).where('user_id', '=', u.id).execute();
    expect(await deliver([a])).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await telegramRows(a, u.id)).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    expect(sent(TOKEN_A, 6002).filter((c) => c.payload.text.includes('confirmed'))).toHaveLength(2); // the refused try and the one that went through

    const blocked = await link(a, 6003);
    await withTenant(a.id, null, (t) => notify(t, event(blocked.id)));
    tg.failSend.push(403);
    expect(await deliver([a])).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await telegramRows(a, blocked.id)).toMatchObject([{ status: 'failed', last_error: expect.stringContaining('403') }]);
  });

  it('writes no Telegram row for a member without a linked chat, nor after they unlink (app or /stop)', async () => {
    const plain = await makeUser(a);
    await withTenant(a.id, null, (t) => notify(t, event(plain.id)));
    expect(await telegramRows(a, plain.id)).toEqual([]);

    const u = await link(a, 6004);
    const r = await call(unlink, { host: a.host, token: u.token, method: 'DELETE' });
    expect(r.json).toEqual({ unlinked: true });
    await withTenant(a.id, null, (t) => notify(t, event(u.id)));
    expect(await telegramRows(a, u.id)).toEqual([]);
    expect((await call(myTelegram, { host: a.host, token: u.token })).json.linked).toBeNull();

    const v = await link(a, 6005);
    await post(a, textUpdate(6005, '/stop'));
    expect(sent(TOKEN_A, 6005).at(-1)!.payload.text).toMatch(/^Unlinked/);
    await withTenant(a.id, null, (t) => notify(t, event(v.id)));
    expect(await telegramRows(a, v.id)).toEqual([]);
  });

  it('a bot of tenant A never carries tenant B’s events', async () => {
    const ua = await link(a, 7001);
    const ub = await link(b, 7002);
    await withTenant(a.id, null, (t) => notify(t, event(ua.id, { title: 'event of A' })));
    await withTenant(b.id, null, (t) => notify(t, event(ub.id, { title: 'event of B' })));
    await deliver([a, b]);
    const texts = (botToken: string) => sent(botToken).map((c) => String(c.payload.text));
    expect(texts(TOKEN_A).some((t) => t.includes('event of A'))).toBe(true);
    expect(texts(TOKEN_A).some((t) => t.includes('event of B'))).toBe(false);
    expect(texts(TOKEN_B).some((t) => t.includes('event of B'))).toBe(true);
    expect(texts(TOKEN_B).some((t) => t.includes('event of A'))).toBe(false);
    expect(sent(TOKEN_B, 7002)).toHaveLength(2); // "Linked" and B's event
  });

  it('pins the latest update of a deal in the chat, unpinning the one before', async () => {
    const u = await link(a, 8001);
    const dealId = '0190aaaa-0000-7000-8000-000000000001';
    const update = (n: number) => event(u.id, { type: 'deal.update', title: `Update ${n}`, data: { dealId } });
    await withTenant(a.id, null, (t) => notify(t, update(1)));
    await deliver([a]);
    await withTenant(a.id, null, (t) => notify(t, update(2)));
    await deliver([a]);
    const [first, second] = sent(TOKEN_A, 8001).filter((c) => String(c.payload.text).includes('Update'));
    expect(first && second).toBeTruthy();
    const pins = tg.calls.filter((c) => c.token === TOKEN_A && Number(c.payload.chat_id) === 8001 && (c.method === 'pinChatMessage' || c.method === 'unpinChatMessage'));
    expect(pins.map((c) => c.method)).toEqual(['pinChatMessage', 'pinChatMessage', 'unpinChatMessage']);
    const [pinned1, pinned2, unpinned] = pins.map((c) => c.payload.message_id);
    expect(unpinned).toBe(pinned1);
    expect(pinned2).not.toBe(pinned1);
    const row = await ownerDb().selectFrom('telegram_pins').select(['pin_key', 'message_id']).where('tenant_id', '=', a.id).where('chat_id', '=', '8001').execute();
    expect(row).toEqual([{ pin_key: `deal:${dealId}`, message_id: String(pinned2) }]);
    // An investment message is not pinned.
    await withTenant(a.id, null, (t) => notify(t, event(u.id)));
    await deliver([a]);
    expect(tg.calls.filter((c) => c.method === 'pinChatMessage' && Number(c.payload.chat_id) === 8001)).toHaveLength(2);
  });

  it('removing the tenant’s bot unlinks its chats', async () => {
    const c = await ownerDb().selectFrom('telegram_links').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', b.id).executeTakeFirstOrThrow();
    expect(Number(c.n)).toBeGreaterThan(0);
    const r = await call(removeBot, { host: b.host, token: adminB, method: 'DELETE' });
    expect(r.json).toMatchObject({ configured: false, source: null });
    expect(await ownerDb().selectFrom('telegram_links').select('user_id').where('tenant_id', '=', b.id).execute()).toEqual([]);
    expect((await call(removeBot, { host: b.host, token: adminB, method: 'DELETE' })).status).toBe(404);
    const code = await call(linkCode, { host: b.host, token: adminB, method: 'POST' });
    expect([code.status, code.json.code]).toEqual([409, 'telegram_not_configured']);
  });
});
