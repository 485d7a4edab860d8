import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as list } from '../../src/app/api/notifications/route';
import { POST as read } from '../../src/app/api/notifications/read/route';
import { POST as readAll } from '../../src/app/api/notifications/read-all/route';
import { GET as stream } from '../../src/app/api/notifications/stream/route';
import { GET as getPrefs, PUT as putPrefs } from '../../src/app/api/notifications/preferences/route';
import { GET as getDefaults, PUT as putDefaults } from '../../src/app/api/admin/notification-defaults/route';
import { POST as unsubscribePost } from '../../src/app/api/notifications/unsubscribe/route';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { PEER_ADDRESS_HEADER } from '../../src/server/http/client-address';
import { notificationFeedReady, stopNotificationFeed } from '../../src/server/notifications/live-feed';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';
import { notify, type NotificationEvent } from '../../src/server/notifications/notify';
import { unsubscribeToken } from '../../src/server/notifications/unsubscribe-token';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The bell and the list over HTTP: a user reads their own notifications only, marks them read,
// hears about new ones live (SSE), and chooses channels (locked ones stay on).

let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
});
afterAll(async () => {
  await stopNotificationFeed();
});

const send = async (tenant: TestTenant, userId: string, over: Partial<NotificationEvent> = {}) => {
  await withTenant(tenant.id, null, (t) =>
    notify(t, { type: 'investment.confirmed', userId, title: 'Investment confirmed', body: 'Your investment is confirmed.', link: '/portfolio', dedupeKey: randomBytes(8).toString('hex'), ...over }),
  );
  await deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id] });
};

async function signedIn(tenant: TestTenant, roles: ('investor' | 'tenant_admin')[] = ['investor']) {
  const u = await makeUser(tenant, roles);
  return { ...u, token: await tokenFor(tenant, u.email) };
}

describe('the in-app list', () => {
  it('shows a user their own notifications, newest first, with the unread count, page by page', async () => {
    const ada = await signedIn(a);
    const bob = await signedIn(a);
    for (const title of ['first', 'second', 'third']) await send(a, ada.id, { title });
    await send(a, bob.id, { title: 'for bob' });
    const p1 = await call(list, { host: a.host, path: '/api/notifications?limit=2', token: ada.token });
    expect(p1.status).toBe(200);
    expect(p1.json.notifications.map((n: { title: string }) => n.title)).toEqual(['third', 'second']);
    expect(p1.json.unreadCount).toBe(3);
    const p2 = await call(list, { host: a.host, path: `/api/notifications?limit=2&cursor=${p1.json.nextCursor}`, token: ada.token });
    expect(p2.json.notifications.map((n: { title: string }) => n.title)).toEqual(['first']);
    expect(p2.json.nextCursor).toBeNull();
    // Bob's cursor is not Ada's to page with.
    const bobs = await call(list, { host: a.host, path: '/api/notifications', token: bob.token });
    const stolen = await call(list, { host: a.host, path: `/api/notifications?cursor=${bobs.json.notifications[0].id}`, token: ada.token });
    expect(stolen.status).toBe(400);
    expect(stolen.json.code).toBe('invalid_cursor');
    const bad = await call(list, { host: a.host, path: '/api/notifications?limit=1000', token: ada.token });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('limit');
    expect((await call(list, { host: a.host, path: '/api/notifications' })).status).toBe(401);
  });

  it('marks one read, then all read, and never touches another user’s', async () => {
    const ada = await signedIn(a);
    const bob = await signedIn(a);
    await send(a, ada.id);
    await send(a, ada.id);
    await send(a, bob.id);
    const mine = (await call(list, { host: a.host, path: '/api/notifications', token: ada.token })).json.notifications;
    const bobs = (await call(list, { host: a.host, path: '/api/notifications', token: bob.token })).json.notifications;
    const r1 = await call(read, { host: a.host, token: ada.token, body: { ids: [mine[0].id, bobs[0].id] } });
    expect(r1.json).toEqual({ updated: 1, unreadCount: 1 });
    expect((await call(list, { host: a.host, path: '/api/notifications', token: bob.token })).json.unreadCount).toBe(1);
    const r2 = await call(readAll, { host: a.host, token: ada.token });
    expect(r2.json).toEqual({ updated: 1, unreadCount: 0 });
    expect((await call(list, { host: a.host, path: '/api/notifications', token: bob.token })).json.unreadCount).toBe(1);
    const bad = await call(read, { host: a.host, token: ada.token, body: { ids: ['nope'] } });
    expect(bad.status).toBe(400);
  });

  it('keeps tenants apart: a token of tenant B sees nothing of A', async () => {
    const ada = await signedIn(a);
    await send(a, ada.id, { title: 'secret of A' });
    const other = await signedIn(b);
    const r = await call(list, { host: b.host, path: '/api/notifications', token: other.token });
    expect(r.json.notifications).toEqual([]);
    const cross = await call(list, { host: b.host, path: '/api/notifications', token: ada.token });
    expect(cross.status).toBe(401);
  });
});

/** Opens the SSE stream and collects its events until `until` holds or the stream is closed. */
function openStream(tenant: TestTenant, token: string) {
  const ctrl = new AbortController();
  const headers = new Headers({ host: tenant.host, authorization: `Bearer ${token}`, [PEER_ADDRESS_HEADER]: '10.1.2.3' });
  const events: { unreadCount: number; latest: { title: string }[] }[] = [];
  const waiters: (() => void)[] = [];
  const done = (async () => {
    const res = await stream(new Request(`http://${tenant.host}/api/notifications/stream`, { headers, signal: ctrl.signal }));
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buf = '';
    for (;;) {
      const { value, done: end } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (end) return;
      buf += new TextDecoder().decode(value);
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = /^data: (.*)$/m.exec(chunk)?.[1];
        if (/^event: notifications$/m.test(chunk) && data) {
          events.push(JSON.parse(data));
          waiters.splice(0).forEach((w) => w());
        }
      }
    }
  })();
  /** Resolves once an event satisfies `ok`. */
  const until = (ok: (e: (typeof events)[number]) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => (events.some(ok) ? resolve() : waiters.push(check));
      check();
    });
  return { events, until, close: async () => (ctrl.abort(), await done) };
}

describe('live push (SSE fed by LISTEN/NOTIFY)', () => {
  it('pushes a new notification to its user’s open streams only', async () => {
    const ada = await signedIn(a);
    const bob = await signedIn(a);
    const sameIdOtherTenant = await signedIn(b);
    const adaStream = openStream(a, ada.token);
    const adaSecondTab = openStream(a, ada.token);
    const bobStream = openStream(a, bob.token);
    const otherStream = openStream(b, sameIdOtherTenant.token);
    const any = () => true;
    const titles = (e: { latest: { title: string }[] }) => e.latest.map((n) => n.title);
    await Promise.all([adaStream.until(any), adaSecondTab.until(any), bobStream.until(any), otherStream.until(any)]);
    for (let i = 0; i < 100 && !notificationFeedReady(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(adaStream.events[0]).toEqual({ unreadCount: 0, latest: [] });
    await send(a, ada.id, { title: 'live one' });
    const hasLive = (e: { latest: { title: string }[] }) => titles(e).includes('live one');
    await Promise.all([adaStream.until(hasLive), adaSecondTab.until(hasLive)]);
    expect(adaStream.events.find(hasLive)!.unreadCount).toBe(1);
    // Bob hears nothing of Ada's: to be sure nothing is still in flight, Bob then gets one of
    // his own, and none of his events ever named Ada's.
    await send(a, bob.id, { title: 'bob only' });
    await bobStream.until((e) => titles(e).includes('bob only'));
    expect(bobStream.events.some(hasLive)).toBe(false);
    expect(otherStream.events.some((e) => e.unreadCount > 0)).toBe(false);
    // Reading them (in another tab) drops the count on every open stream of Ada's.
    const seen = adaSecondTab.events.length;
    await call(readAll, { host: a.host, token: ada.token });
    await adaSecondTab.until((e) => adaSecondTab.events.indexOf(e) >= seen && e.unreadCount === 0);
    await Promise.all([adaStream.close(), adaSecondTab.close(), bobStream.close(), otherStream.close()]);
  }, 90_000);
});

describe('preferences', () => {
  it('saves a user’s choices, keeps locked channels on, and falls back to the tenant’s defaults', async () => {
    const ada = await signedIn(a);
    const admin = await signedIn(a, ['tenant_admin']);
    const before = await call(getPrefs, { host: a.host, token: ada.token });
    const upd = before.json.types.find((t: { type: string }) => t.type === 'deal.update');
    expect(upd.channels.email).toEqual({ enabled: true, locked: false });
    const saved = await call(putPrefs, { host: a.host, token: ada.token, method: 'PUT', body: { preferences: [{ type: 'deal.update', channel: 'email', enabled: false }] } });
    expect(saved.status).toBe(200);
    expect(saved.json.types.find((t: { type: string }) => t.type === 'deal.update').channels.email.enabled).toBe(false);
    const locked = await call(putPrefs, { host: a.host, token: ada.token, method: 'PUT', body: { preferences: [{ type: 'security.password_changed', channel: 'email', enabled: false }] } });
    expect(locked.status).toBe(403);
    expect(locked.json.code).toBe('notification_locked');
    const bad = await call(putPrefs, { host: a.host, token: ada.token, method: 'PUT', body: { preferences: [{ type: 'made.up', channel: 'email', enabled: false }] } });
    expect(bad.status).toBe(400);
    // A tenant default reaches users who chose nothing, not Ada's own choice.
    expect((await call(putDefaults, { host: a.host, token: ada.token, method: 'PUT', body: { preferences: [{ type: 'deal.update', channel: 'in_app', enabled: false }] } })).status).toBe(403);
    const d = await call(putDefaults, { host: a.host, token: admin.token, method: 'PUT', body: { preferences: [{ type: 'kyc.decided', channel: 'email', enabled: true }, { type: 'deal.update', channel: 'email', enabled: true }, { type: 'group.deal_published', channel: 'email', enabled: false }] } });
    expect(d.status).toBe(200);
    expect((await call(getDefaults, { host: a.host, token: admin.token })).json.types.find((t: { type: string }) => t.type === 'group.deal_published').channels.email.enabled).toBe(false);
    const after = await call(getPrefs, { host: a.host, token: ada.token });
    expect(after.json.types.find((t: { type: string }) => t.type === 'deal.update').channels.email.enabled).toBe(false);
    expect(after.json.types.find((t: { type: string }) => t.type === 'group.deal_published').channels.email.enabled).toBe(false);
    const audit = await ownerDb().selectFrom('audit_logs').select(['action', 'actor_id']).where('tenant_id', '=', a.id).where('action', '=', 'notifications.defaults_changed').execute();
    expect(audit).toEqual([{ action: 'notifications.defaults_changed', actor_id: admin.id }]);
    await ownerDb().deleteFrom('notification_defaults').where('tenant_id', '=', a.id).execute();
  });

  it('one-click unsubscribe turns that type’s email off for that user, in that tenant only', async () => {
    const ada = await signedIn(a);
    const token = unsubscribeToken({ tenantId: a.id, userId: ada.id, type: 'deal.update' });
    const wrongHost = await call(unsubscribePost, { host: b.host, path: `/api/notifications/unsubscribe?token=${token}`, rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongHost.status).toBe(404);
    const r = await call(unsubscribePost, { host: a.host, path: `/api/notifications/unsubscribe?token=${token}`, rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    expect(r.json.unsubscribed.type).toBe('deal.update');
    const prefs = await call(getPrefs, { host: a.host, token: ada.token });
    expect(prefs.json.types.find((t: { type: string }) => t.type === 'deal.update').channels.email.enabled).toBe(false);
    expect(prefs.json.types.find((t: { type: string }) => t.type === 'deal.update').channels.in_app.enabled).toBe(true);
    const forged = await call(unsubscribePost, { host: a.host, path: `/api/notifications/unsubscribe?token=${token.slice(0, -3)}xyz`, rawBody: '' });
    expect(forged.status).toBe(404);
  });
});
