import type { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { NotificationChannel } from '../db/types';
import { BadRequest, Forbidden, NotFound } from '../errors';
import { usersWithTelegram } from '../telegram/service';
import type { TenantContext } from '../tenancy/resolve';
import { CHANNELS, channelEnabled, isLocked, NOTIFICATION_TYPES, TYPE_RULES, type NotificationType } from './catalog';
import {
  countUnread,
  findNotification,
  listNotifications,
  markNotificationsRead,
  tenantDefaults,
  upsertTenantDefaults,
  upsertUserPreferences,
  userPreferences,
  type NotificationRow,
  type PreferenceWrite,
} from './repo';
import type { listNotificationsQuery, markReadInput, preferencesInput } from './schema';
import { readUnsubscribeToken } from './unsubscribe-token';

// The in-app side of notifications (the bell, the list, read marks) and preferences, for the
// signed-in user in the request's tenant. Writing notifications is notify.ts; delivering
// them is outbox-delivery.ts.

const view = (n: NotificationRow) => ({
  id: n.id,
  type: n.type,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.created_at.toISOString(),
  readAt: n.read_at ? n.read_at.toISOString() : null,
});

export type NotificationView = ReturnType<typeof view>;

export async function myNotifications(tenant: TenantContext, p: Principal, q: z.infer<typeof listNotificationsQuery>) {
  return withTenant(tenant.id, p, async (t) => {
    let before: { at: Date; id: string } | undefined;
    if (q.cursor) {
      const c = await findNotification(t, p.userId, q.cursor);
      if (!c) throw new BadRequest('invalid_cursor', 'cursor does not name one of your notifications');
      before = { at: c.created_at, id: c.id };
    }
    const rows = await listNotifications(t, p.userId, { limit: q.limit, before, unreadOnly: q.unread === 'true' });
    return {
      notifications: rows.map(view),
      unreadCount: await countUnread(t, p.userId),
      nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    };
  });
}

/** What a live stream sends after a change: the count, and the newest few. */
export async function liveSnapshot(tenantId: string, userId: string) {
  return withTenant(tenantId, { userId }, async (t) => ({
    unreadCount: await countUnread(t, userId),
    latest: (await listNotifications(t, userId, { limit: 5 })).map(view),
  }));
}

export async function markRead(tenant: TenantContext, p: Principal, input: z.infer<typeof markReadInput> | null) {
  return withTenant(tenant.id, p, async (t) => {
    const updated = await markNotificationsRead(t, p.userId, input ? input.ids : null);
    return { updated, unreadCount: await countUnread(t, p.userId) };
  });
}

// ---------------------------------------------------------------- preferences

/** Channels a user can receive on; Telegram once they linked a chat to the tenant's bot. */
async function availableChannels(t: TenantTx, userId: string | null): Promise<NotificationChannel[]> {
  if (userId === null) return [...CHANNELS];
  return (await usersWithTelegram(t, [userId])).has(userId) ? ['in_app', 'email', 'telegram'] : ['in_app', 'email'];
}

function preferencesOf(choices: PreferenceWrite[], defaults: PreferenceWrite[], available: NotificationChannel[]) {
  const own = new Map(choices.map((c) => [`${c.type}|${c.channel}`, c.enabled]));
  const dflt = new Map(defaults.map((d) => [`${d.type}|${d.channel}`, d.enabled]));
  return {
    channels: CHANNELS.map((c) => ({ channel: c, available: available.includes(c) })),
    types: NOTIFICATION_TYPES.map((type) => ({
      type,
      label: TYPE_RULES[type].label,
      marketing: TYPE_RULES[type].marketing,
      channels: Object.fromEntries(
        CHANNELS.map((c) => [c, { enabled: channelEnabled(type, c, own.get(`${type}|${c}`), dflt.get(`${type}|${c}`)), locked: isLocked(type, c) }]),
      ),
    })),
  };
}

function refuseLocked(prefs: z.infer<typeof preferencesInput>['preferences']) {
  const locked = prefs.filter((p) => !p.enabled && isLocked(p.type as NotificationType, p.channel as NotificationChannel));
  if (locked.length)
    throw new Forbidden(`${locked.map((p) => `${p.type} by ${p.channel}`).join(', ')} cannot be switched off: security and legally required messages always reach you`, 'notification_locked');
}

export async function myPreferences(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, p, async (t) => preferencesOf((await userPreferences(t, p.userId)) as PreferenceWrite[], (await tenantDefaults(t)) as PreferenceWrite[], await availableChannels(t, p.userId)));
}

export async function setMyPreferences(tenant: TenantContext, p: Principal, input: z.infer<typeof preferencesInput>) {
  refuseLocked(input.preferences);
  return withTenant(tenant.id, p, async (t) => {
    await upsertUserPreferences(t, p.userId, input.preferences as PreferenceWrite[]);
    return preferencesOf((await userPreferences(t, p.userId)) as PreferenceWrite[], (await tenantDefaults(t)) as PreferenceWrite[], await availableChannels(t, p.userId));
  });
}

/** The tenant's defaults as a preferences view (what a user who chose nothing receives). */
export async function notificationDefaults(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, p, async (t) => preferencesOf([], (await tenantDefaults(t)) as PreferenceWrite[], await availableChannels(t, null)));
}

export async function setNotificationDefaults(tenant: TenantContext, p: Principal, input: z.infer<typeof preferencesInput>, meta: RequestMeta) {
  refuseLocked(input.preferences);
  return withTenant(tenant.id, p, async (t) => {
    await upsertTenantDefaults(t, input.preferences as PreferenceWrite[]);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'notifications.defaults_changed', targetType: 'tenant', targetId: tenant.id, metadata: { preferences: input.preferences } }, meta);
    return preferencesOf([], (await tenantDefaults(t)) as PreferenceWrite[], await availableChannels(t, null));
  });
}

/**
 * RFC 8058 one-click unsubscribe: the signed token names the user and the type; its email is
 * switched off. Locked types have no unsubscribe link, and a token for one cannot switch it off.
 */
export async function unsubscribe(tenant: TenantContext, token: string, meta: RequestMeta): Promise<{ type: NotificationType; label: string }> {
  const claim = readUnsubscribeToken(tenant.id, token);
  if (!claim) throw new NotFound('This unsubscribe link is not valid here', 'unsubscribe_invalid');
  if (isLocked(claim.type, 'email')) throw new Forbidden('This message cannot be switched off', 'notification_locked');
  await withTenant(tenant.id, { userId: claim.userId }, async (t: TenantTx) => {
    await upsertUserPreferences(t, claim.userId, [{ type: claim.type, channel: 'email', enabled: false }]);
    await audit(t, { actorId: claim.userId, action: 'notifications.unsubscribed', targetType: 'user', targetId: claim.userId, metadata: { type: claim.type, channel: 'email', via: 'one-click' } }, meta);
  });
  return { type: claim.type, label: TYPE_RULES[claim.type].label };
}
