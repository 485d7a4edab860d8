import { describe, expect, it, beforeAll } from 'vitest';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { notify, type NotificationEvent } from '../../src/server/notifications/notify';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// notify() writes the outbox in the caller's transaction: one row per channel the user gets the
// event on, nothing if the change rolls back, nothing new if the same event is notified again.

let tenant: TestTenant;
let other: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
});

const outbox = (tenantId: string, userId: string) =>
  ownerDb().selectFrom('notification_outbox').select(['type', 'channel', 'dedupe_key', 'title', 'status']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('channel').execute();

const event = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  type: 'deal.update',
  userId,
  title: 'Acme posted an update',
  body: 'Q3 numbers are in.',
  link: '/deals/acme',
  dedupeKey: `deal-update:${Math.random()}:${userId}`,
  ...over,
});

describe('notify()', () => {
  it('writes one outbox row per enabled channel, in the tenant', async () => {
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, event(u.id, { dedupeKey: 'k1' })));
    expect((await outbox(tenant.id, u.id)).map((r) => r.channel)).toEqual(['email', 'in_app']);
    expect(await outbox(other.id, u.id)).toEqual([]);
  });

  it('writes nothing when the change that caused the event rolls back', async () => {
    const u = await makeUser(tenant);
    await expect(
      withTenant(tenant.id, null, async (t) => {
        await notify(t, event(u.id));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outbox(tenant.id, u.id)).toEqual([]);
  });

  it('writes the same event once per channel however often it is notified', async () => {
    const u = await makeUser(tenant);
    const e = event(u.id, { dedupeKey: 'investment-confirmed:inv-1' });
    await withTenant(tenant.id, null, (t) => notify(t, [e, e]));
    await withTenant(tenant.id, null, (t) => notify(t, { ...e, title: 'again' }));
    const rows = await outbox(tenant.id, u.id);
    expect(rows.map((r) => [r.channel, r.title])).toEqual([
      ['email', e.title],
      ['in_app', e.title],
    ]);
  });

  it("follows the user's choice over the tenant default, and the tenant default over the built-in one", async () => {
    const u = await makeUser(tenant);
    const v = await makeUser(tenant);
    await ownerDb().insertInto('notification_defaults').values({ tenant_id: tenant.id, type: 'deal.update', channel: 'email', enabled: false }).execute();
    await ownerDb().insertInto('notification_preferences').values({ tenant_id: tenant.id, user_id: u.id, type: 'deal.update', channel: 'email', enabled: true }).execute();
    await ownerDb().insertInto('notification_preferences').values({ tenant_id: tenant.id, user_id: v.id, type: 'deal.update', channel: 'in_app', enabled: false }).execute();
    await withTenant(tenant.id, null, (t) => notify(t, [event(u.id), event(v.id)]));
    expect((await outbox(tenant.id, u.id)).map((r) => r.channel)).toEqual(['email', 'in_app']);
    expect(await outbox(tenant.id, v.id)).toEqual([]);
    await ownerDb().deleteFrom('notification_defaults').where('tenant_id', '=', tenant.id).execute();
  });

  it('sends security and legally required messages even to a user who switched them off', async () => {
    const u = await makeUser(tenant);
    for (const type of ['security.password_changed', 'investment.confirmed'] as const)
      for (const channel of ['in_app', 'email'] as const)
        await ownerDb().insertInto('notification_preferences').values({ tenant_id: tenant.id, user_id: u.id, type, channel, enabled: false }).execute();
    await withTenant(tenant.id, null, (t) =>
      notify(t, [event(u.id, { type: 'security.password_changed', dedupeKey: 'pw:1' }), event(u.id, { type: 'investment.confirmed', dedupeKey: 'inv:1' })]),
    );
    expect((await outbox(tenant.id, u.id)).map((r) => `${r.type}/${r.channel}`).sort()).toEqual([
      'investment.confirmed/email',
      'investment.confirmed/in_app',
      'security.password_changed/email',
      'security.password_changed/in_app',
    ]);
  });

  it('refuses an unknown type and a link that leaves the site', async () => {
    const u = await makeUser(tenant);
    await expect(withTenant(tenant.id, null, (t) => notify(t, event(u.id, { type: 'nope' as never })))).rejects.toThrow(/invalid/);
    await expect(withTenant(tenant.id, null, (t) => notify(t, event(u.id, { link: '//evil.example/x' })))).rejects.toThrow(/invalid/);
    expect(await outbox(tenant.id, u.id)).toEqual([]);
  });

  it("cannot write another tenant's user (the row would name a user the tenant does not have)", async () => {
    const u = await makeUser(other);
    await expect(withTenant(tenant.id, null, (t) => notify(t, event(u.id)))).rejects.toThrow();
    expect(await outbox(tenant.id, u.id)).toEqual([]);
  });
});
