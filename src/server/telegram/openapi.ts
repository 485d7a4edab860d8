import { z } from 'zod';
import { botTokenInput, configuredBotView, linkCodeView, telegramSettingsView, telegramStatusView, telegramWebhookParams, unlinkView } from './schema';

// The Telegram routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const telegramOps = [
  { tag: 'telegram', method: 'get', path: '/api/notifications/telegram', summary: 'Whether the tenant has a bot and the caller’s linked Telegram chat', auth: 'user', response: telegramStatusView },
  { tag: 'telegram', method: 'delete', path: '/api/notifications/telegram', summary: 'Unlink the caller’s Telegram chat (audited)', auth: 'user', response: unlinkView },
  { tag: 'telegram', method: 'post', path: '/api/notifications/telegram/link-code', summary: 'A one-time code and the t.me deep link that sends it to the tenant’s bot (single use, 10 minutes; earlier codes stop working); 409 `telegram_not_configured` without a bot', auth: 'user', response: linkCodeView, status: 201 },
  { tag: 'telegram', method: 'get', path: '/api/admin/telegram', summary: 'The tenant’s Telegram bot (its own or the platform’s) and its webhook address', auth: ['tenant_admin'], response: telegramSettingsView },
  { tag: 'telegram', method: 'put', path: '/api/admin/telegram', summary: 'Set the tenant’s own bot: the token is checked with Telegram (getMe), sealed at rest, and the webhook registered; audited without the token', auth: ['tenant_admin'], body: botTokenInput, response: configuredBotView },
  { tag: 'telegram', method: 'delete', path: '/api/admin/telegram', summary: 'Remove the tenant’s own bot and the chats linked to it (audited)', auth: ['tenant_admin'], response: telegramSettingsView },
  { tag: 'telegram', method: 'post', path: '/api/webhooks/telegram/{secret}', summary: 'Updates from the tenant’s bot (/start <code> links a chat, /stop unlinks it); the path and X-Telegram-Bot-Api-Secret-Token are derived from the bot token: 404 on a wrong path, 401 `telegram_secret_invalid` on a wrong header', params: telegramWebhookParams, response: z.object({ ok: z.boolean() }) },
] as const;
