import { z } from 'zod';
import { emailSettingsPatch, emailSettingsView } from './email-settings';
import { languageInput, languageView, listNotificationsQuery, markReadInput, markReadResponse, notificationList, preferencesInput, preferencesView, unsubscribeQuery } from './schema';

// The notification routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const notificationOps = [
  { tag: 'notifications', method: 'get', path: '/api/notifications', summary: 'The caller’s in-app notifications, newest first, with the unread count (page with nextCursor)', auth: 'user', query: listNotificationsQuery, response: notificationList },
  { tag: 'notifications', method: 'get', path: '/api/notifications/stream', summary: 'Server-Sent Events: a "notifications" event with the unread count and the newest five, on open and whenever one is written for the caller', auth: 'user' },
  { tag: 'notifications', method: 'post', path: '/api/notifications/read', summary: 'Mark some of the caller’s notifications read (other users’ ids are ignored)', auth: 'user', body: markReadInput, response: markReadResponse },
  { tag: 'notifications', method: 'post', path: '/api/notifications/read-all', summary: 'Mark all of the caller’s notifications read', auth: 'user', response: markReadResponse },
  { tag: 'notifications', method: 'get', path: '/api/notifications/preferences', summary: 'The caller’s channels per event type (with the tenant’s defaults; locked types are always on)', auth: 'user', response: preferencesView },
  { tag: 'notifications', method: 'put', path: '/api/notifications/preferences', summary: 'Choose channels per event type; switching off a locked one is a 403 notification_locked', auth: 'user', body: preferencesInput, response: preferencesView, forbidden: 'A security or legally required type cannot be switched off on that channel: code `notification_locked`' },
  { tag: 'notifications', method: 'post', path: '/api/notifications/unsubscribe', summary: 'RFC 8058 one-click unsubscribe from a marketing-type email (signed token from the List-Unsubscribe header)', query: unsubscribeQuery, response: z.object({ unsubscribed: z.object({ type: z.string(), label: z.string() }) }) },
  { tag: 'notifications', method: 'post', path: '/api/webhooks/email/resend', summary: 'Resend delivery events (Standard Webhooks signature: webhook-id, webhook-timestamp, webhook-signature; 5-minute tolerance) recorded in email_logs; 401 invalid_webhook_signature otherwise' },
  { tag: 'notifications', method: 'get', path: '/api/admin/notification-defaults', summary: 'The tenant’s default channels per event type', auth: ['tenant_admin'], response: preferencesView },
  { tag: 'notifications', method: 'put', path: '/api/admin/notification-defaults', summary: 'Set the tenant’s default channels per event type (audited)', auth: ['tenant_admin'], body: preferencesInput, response: preferencesView },
  { tag: 'notifications', method: 'get', path: '/api/notifications/language', summary: 'The language the caller’s emails are written in: their own choice (null: the tenant’s default), the effective one and the languages offered', auth: 'user', response: languageView },
  { tag: 'notifications', method: 'put', path: '/api/notifications/language', summary: 'Choose the language of one’s emails among the offered ones, or null for the tenant’s default', auth: 'user', body: languageInput, response: languageView },
  { tag: 'notifications', method: 'get', path: '/api/admin/email-settings', summary: 'The tenant’s email settings: default language for members who chose none, legal name and postal address shown in every email’s footer', auth: ['tenant_admin'], response: emailSettingsView },
  { tag: 'notifications', method: 'patch', path: '/api/admin/email-settings', summary: 'Change the tenant’s email default language (only offered languages) or footer; only the fields sent change, null clears a line (audited)', auth: ['tenant_admin'], body: emailSettingsPatch, response: emailSettingsView },
] as const;
