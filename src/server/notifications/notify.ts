import type { TenantTx } from '../db/tenant';
import type { NotificationChannel } from '../db/types';
import { ValidationError } from '../errors';
import { usersWithTelegram } from '../telegram/service';
import { queueTenantEvents } from '../webhooks/service';
import { channelEnabled, isNotificationType, type NotificationType } from './catalog';
import { insertFanout, insertOutboxRows, preferenceChoices, type OutboxInsert } from './repo';

export type { NotificationType } from './catalog';

export type NotificationEvent = {
  type: NotificationType;
  userId: string;
  title: string;
  body: string;
  /** A path inside the tenant's site ("/portfolio"), shown as the notification's target. */
  link?: string;
  /** Names the event, not the message: the same change notified twice writes nothing new. */
  dedupeKey: string;
  data?: Record<string, unknown>;
};

function validate(e: Omit<NotificationEvent, 'userId'>): void {
  if (!isNotificationType(e.type)) throw new ValidationError([{ field: 'type', message: `unknown notification type "${e.type}"` }]);
  if (!e.dedupeKey) throw new ValidationError([{ field: 'dedupeKey', message: 'a notification needs a dedupe key' }]);
  if (e.link !== undefined && !/^\/(?!\/)/.test(e.link)) throw new ValidationError([{ field: 'link', message: 'a notification link is a path inside the site' }]);
}

/** The channels notify() writes to; Telegram only for users who linked a chat to the tenant's bot. */
const channelsOf = (userId: string, telegram: Set<string>): NotificationChannel[] => (telegram.has(userId) ? ['in_app', 'email', 'telegram'] : ['in_app', 'email']);

/**
 * Records events for delivery, in the caller's transaction (the outbox): if the change that
 * causes them rolls back, nobody hears about it; once it commits, the delivery worker will
 * deliver each (event, channel) once. One row per channel the user receives the type on,
 * following their preferences, the tenant's defaults and the locked channels.
 */
export async function notify(t: TenantTx, events: NotificationEvent | NotificationEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  list.forEach(validate);
  const userIds = [...new Set(list.map((e) => e.userId))];
  const { own, defaults } = await preferenceChoices(t, userIds, [...new Set(list.map((e) => e.type))]);
  const telegram = await usersWithTelegram(t, userIds);
  const choice = new Map(own.map((p) => [`${p.user_id}|${p.type}|${p.channel}`, p.enabled]));
  const tenantDefault = new Map(defaults.map((d) => [`${d.type}|${d.channel}`, d.enabled]));
  const rows: OutboxInsert[] = [];
  for (const e of list)
    for (const channel of channelsOf(e.userId, telegram))
      if (channelEnabled(e.type, channel, choice.get(`${e.userId}|${e.type}|${channel}`), tenantDefault.get(`${e.type}|${channel}`)))
        rows.push({ userId: e.userId, type: e.type, channel, dedupeKey: e.dedupeKey, title: e.title.slice(0, 300), body: e.body.slice(0, 5000), link: e.link ?? null, data: e.data ?? {} });
  await insertOutboxRows(t, rows);
  // The tenant's own systems hear of the same events, once each (outgoing webhooks).
  await queueTenantEvents(
    t,
    list.map((e) => ({ type: e.type, key: `${e.type}:${e.dedupeKey}`, data: { userId: e.userId, title: e.title, body: e.body, link: e.link ?? null, ...e.data } })),
  );
}

export type AudienceEvent = Omit<NotificationEvent, 'userId'> & {
  /** Everyone with a live investment in the deal. */
  audience: { dealInvestorsOf: string };
  /** The person whose action caused it, who need not hear about it. */
  exceptUserId?: string | null;
};

/**
 * An event for an audience, in the caller's transaction: one row, whatever the audience's
 * size, so the request returns as fast for ten thousand recipients as for ten. The delivery
 * worker expands it to each member's channels (their preferences applied there), once.
 */
export async function notifyAudience(t: TenantTx, e: AudienceEvent): Promise<void> {
  validate(e);
  await insertFanout(t, {
    type: e.type,
    audience: 'deal_investors',
    audienceId: e.audience.dealInvestorsOf,
    excludeUserId: e.exceptUserId ?? null,
    dedupeKey: e.dedupeKey,
    title: e.title.slice(0, 300),
    body: e.body.slice(0, 5000),
    link: e.link ?? null,
    data: e.data ?? {},
  });
  await queueTenantEvents(t, [{ type: e.type, key: `${e.type}:${e.dedupeKey}`, data: { audience: e.audience, title: e.title, body: e.body, link: e.link ?? null, ...e.data } }]);
}
