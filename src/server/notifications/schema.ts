import { z } from 'zod';
import { CHANNELS, NOTIFICATION_TYPES } from './catalog';
import { LOCALES } from './messages';

// The notifications contract: the in-app list, read marks, and preferences per type and channel.

export const listNotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(20),
  /** The nextCursor of the previous page. */
  cursor: z.string().uuid('cursor is the nextCursor of the previous page').optional(),
  unread: z.enum(['true', 'false'], { message: 'unread is true or false' }).optional(),
});

export const notificationView = z.object({
  id: z.string().uuid(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string().datetime(),
  readAt: z.string().datetime().nullable(),
});

export const notificationList = z.object({
  notifications: z.array(notificationView),
  unreadCount: z.number().int(),
  nextCursor: z.string().uuid().nullable(),
});

export const markReadInput = z.object({
  ids: z.array(z.string().uuid('ids are notification ids')).min(1, 'ids names at least one notification').max(200, 'ids names at most 200 notifications'),
});

export const markReadResponse = z.object({ updated: z.number().int(), unreadCount: z.number().int() });

const channel = z.enum(CHANNELS as [string, ...string[]], { message: `channel is one of ${CHANNELS.join(', ')}` });
const type = z.enum(NOTIFICATION_TYPES, { message: 'type is not a notification type' });

export const preferencesInput = z.object({
  preferences: z
    .array(z.object({ type, channel, enabled: z.boolean({ message: 'enabled is true or false' }) }))
    .min(1, 'preferences names at least one choice')
    .max(NOTIFICATION_TYPES.length * CHANNELS.length, 'too many preferences'),
});

export const preferencesView = z.object({
  channels: z.array(z.object({ channel: z.string(), available: z.boolean() })),
  types: z.array(
    z.object({
      type: z.string(),
      label: z.string(),
      marketing: z.boolean(),
      channels: z.record(z.string(), z.object({ enabled: z.boolean(), locked: z.boolean() })),
    }),
  ),
});

export const unsubscribeQuery = z.object({ token: z.string().min(1, 'token is required').max(500, 'token is too long') });

const offeredLocale = z.enum(LOCALES, { message: `locale is one of the offered languages: ${LOCALES.join(', ')}` });

/** null: no choice of one's own, the tenant's default applies. */
export const languageInput = z.object({ locale: offeredLocale.nullable() }).strict();

export const languageView = z.object({
  /** The member's own choice, or null. */
  locale: offeredLocale.nullable(),
  /** The language their emails are written in: their choice, else the tenant's default. */
  effective: offeredLocale,
  tenantDefault: offeredLocale,
  offered: z.array(z.object({ code: offeredLocale, name: z.string() })),
});
