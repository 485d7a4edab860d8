import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';
import { notify, type NotificationEvent } from '../../src/server/notifications/notify';
import { readUnsubscribeToken } from '../../src/server/notifications/unsubscribe-token';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The outbox becomes in-app notifications and queued mail, each exactly once, even when the
// deliverer dies half-way through a round.

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await makeTenant();
});

const deliver = (extra: Partial<Parameters<typeof deliverNotifications>[0]> = {}) => deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id], ...extra });
const inApp = (userId: string) => ownerDb().selectFrom('notifications').selectAll().where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute();
const mail = (to: string) => ownerDb().selectFrom('email_outbox').selectAll().where('tenant_id', '=', tenant.id).where('to_address', '=', to).execute();
const pending = (userId: string) => ownerDb().selectFrom('notification_outbox').select('channel').where('tenant_id', '=', tenant.id).where('user_id', '=', userId).where('status', '=', 'pending').execute();

const event = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  type: 'investment.confirmed',
  userId,
  title: 'Your investment in Acme is confirmed',
  body: 'Your 500.00 USDC investment in Acme is confirmed.',
  link: '/portfolio',
  dedupeKey: `inv-confirmed:${userId}`,
  ...over,
});

describe('notification delivery', () => {
  it('turns each outbox row into an in-app notification and a queued email, once', async () => {
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, event(u.id)));
    await deliver();
    await deliver();
    const n = await inApp(u.id);
    expect(n.map((x) => [x.type, x.title, x.link, x.read_at])).toEqual([['investment.confirmed', 'Your investment in Acme is confirmed', '/portfolio', null]]);
    const m = await mail(u.email);
    expect(m).toHaveLength(1);
    expect(m[0]!.subject).toBe(`Tenant ${tenant.slug}: Your investment in Acme is confirmed`);
    expect(m[0]!.body_text).toContain('Your 500.00 USDC investment in Acme is confirmed.');
    expect(m[0]!.body_text).toContain(`${tenant.slug}.localhost`);
    // A transaction confirmation is not marketing: no unsubscribe.
    expect(m[0]!.headers).toEqual({});
    expect(await pending(u.id)).toEqual([]);
  });

  it('puts RFC 8058 one-click unsubscribe headers on marketing-type mail, with a token for that user and type', async () => {
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, event(u.id, { type: 'deal.update', dedupeKey: `upd:${u.id}`, title: 'Acme posted an update' })));
    await deliver();
    const [m] = await mail(u.email);
    const headers = m!.headers as Record<string, string>;
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(headers['List-Unsubscribe']!)![1]!;
    const token = new URL(url).searchParams.get('token')!;
    expect(readUnsubscribeToken(tenant.id, token)).toEqual({ tenantId: tenant.id, userId: u.id, type: 'deal.update' });
    const other = await makeTenant();
    expect(readUnsubscribeToken(other.id, token)).toBeNull();
    expect(readUnsubscribeToken(tenant.id, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'))).toBeNull();
  });

  it('delivers exactly once per channel when the deliverer dies before its round commits', async () => {
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, event(u.id)));
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/notify-crash-child.ts'), tenant.id], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    expect(signal, out).toBe('SIGKILL');
    expect(out).toContain('written, not committed');
    // The dead round left nothing behind and the rows still due.
    expect(await inApp(u.id)).toEqual([]);
    expect(await mail(u.email)).toEqual([]);
    expect((await pending(u.id)).map((r) => r.channel).sort()).toEqual(['email', 'in_app']);
    // The server notices the dead connection and releases its row locks shortly after the kill.
    for (let i = 0; i < 100 && (await pending(u.id)).length > 0; i++) {
      await deliver();
      await new Promise((r) => setTimeout(r, 100));
    }
    await deliver();
    expect(await inApp(u.id)).toHaveLength(1);
    expect(await mail(u.email)).toHaveLength(1);
  });

  it('leaves a round that fails before commit entirely undone', async () => {
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, event(u.id)));
    await expect(deliver({ beforeCommit: () => Promise.reject(new Error('crash')) })).rejects.toThrow('crash');
    expect(await inApp(u.id)).toEqual([]);
    expect(await pending(u.id)).toHaveLength(2);
    await deliver();
    expect(await inApp(u.id)).toHaveLength(1);
  });
});
