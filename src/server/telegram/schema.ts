import { z } from 'zod';

// The Telegram contract: a member's link (status, one-time code, unlink) and the tenant's bot.

export const telegramStatusView = z.object({
  available: z.boolean().describe('the tenant has a bot, so the member can link a chat'),
  botUsername: z.string().nullable(),
  linked: z.object({ username: z.string().nullable(), linkedAt: z.string().datetime() }).nullable(),
});

export const linkCodeView = z.object({
  code: z.string().describe('send "/start <code>" to the bot; single use, 10 minutes'),
  deepLink: z.string().url().describe('https://t.me/<bot>?start=<code>'),
  botUsername: z.string(),
  expiresAt: z.string().datetime(),
});

export const unlinkView = z.object({ unlinked: z.boolean() });

export const botTokenInput = z.strictObject({
  token: z.string({ message: 'token is required' }).trim().min(1, 'token is required').max(200, 'token is at most 200 characters'),
});

export const telegramSettingsView = z.object({
  configured: z.boolean(),
  source: z.enum(['tenant', 'platform']).nullable().describe('the tenant’s own bot, or the platform’s TELEGRAM_BOT_TOKEN'),
  botUsername: z.string().nullable(),
  webhookUrl: z.string().nullable(),
});

export const configuredBotView = telegramSettingsView.extend({
  webhook: z.object({ set: z.boolean(), error: z.string().nullable() }).describe('whether Telegram accepted the webhook (it refuses plain http, so local runs say no)'),
});

export const telegramWebhookParams = z.object({ secret: z.string().min(1).max(100) });
