import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/types';
import { retryDelayMs } from '../notifications/delivery';
import { tenantOrigin } from '../notifications/notification-email';
import { botApi, classifyFailure } from './bot-api';
import { openBotToken } from './bots';
import { botsAndSites, claimDueTelegram, findPin, markTelegram, upsertPin } from './repo';

// Sends the Telegram rows of the notification outbox through each tenant's own bot (or the
// platform's), with the mail's retries and backoff: the network, 5xx and 429 are retried, any
// other refusal fails the row at once. A row is leased while it is sent, so two deliverers
// never send it together; a deliverer that dies mid-send leaves it due again when the lease
// runs out (at most once more: Telegram has no idempotency key).
// Messages about a deal's status are pinned in the chat, one per deal: the newest replaces the
// pin of the one before (telegram_pins).

export const MAX_ATTEMPTS = 6;

/** The subject a message is pinned under, or null when it is not pinned. */
export function pinKeyOf(type: string, data: Record<string, unknown>): string | null {
  if (type === 'deal.update' && typeof data.dealId === 'string') return `deal:${data.dealId}`;
  return null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function telegramText(row: { title: string; body: string; link: string | null }, origin: string): string {
  const lines = [`<b>${escapeHtml(row.title)}</b>`, '', escapeHtml(row.body)];
  if (row.link) lines.push('', `<a href="${escapeHtml(origin + row.link)}">Open</a>`);
  return lines.join('\n').slice(0, 4096);
}

export type TelegramReport = { sent: number; retried: number; failed: number };

export type TelegramDeliveryOptions = {
  db: Kysely<Database>;
  config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT' | 'DATA_ENCRYPTION_KEY' | 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT'>;
  batch?: number;
  leaseMs?: number;
  tenantIds?: string[];
  now?: () => Date;
};

async function pin(opts: TelegramDeliveryOptions, tenantId: string, api: ReturnType<typeof botApi>, chatId: string, key: string, messageId: number) {
  const before = await findPin(opts.db, tenantId, chatId, key);
  // Pinning is a courtesy: a chat where the bot may not pin still got the message.
  try {
    await api.pinChatMessage(chatId, messageId, { disable_notification: true });
  } catch {
    return;
  }
  if (before && Number(before.message_id) !== messageId) await api.unpinChatMessage(chatId, Number(before.message_id)).catch(() => {});
  await upsertPin(opts.db, tenantId, chatId, key, messageId);
}

export async function deliverTelegram(opts: TelegramDeliveryOptions): Promise<TelegramReport> {
  const report: TelegramReport = { sent: 0, retried: 0, failed: 0 };
  const claimed = await claimDueTelegram(opts.db, opts.batch ?? 30, opts.leaseMs ?? 60_000, opts.tenantIds);
  if (claimed.length === 0) return report;
  const now = opts.now ?? (() => new Date());
  const tenants = new Map((await botsAndSites(opts.db, [...new Set(claimed.map((r) => r.tenant_id))])).map((t) => [t.id, t]));
  const fail = async (tenantId: string, id: string, error: string) => {
    await markTelegram(opts.db, tenantId, id, { sent: false, error, retryAt: null });
    report.failed++;
  };
  for (const row of claimed) {
    const site = tenants.get(row.tenant_id);
    // Unlinked since the event was written, or the bot was removed: nobody to send it to.
    if (!row.chat_id) {
      await fail(row.tenant_id, row.id, 'the user has no linked Telegram chat');
      continue;
    }
    let token: string | undefined;
    try {
      token = site?.token_sealed ? openBotToken(opts.config, row.tenant_id, site.token_sealed) : opts.config.TELEGRAM_BOT_TOKEN;
    } catch (e) {
      await fail(row.tenant_id, row.id, e instanceof Error ? e.message : String(e));
      continue;
    }
    if (!site || !token) {
      await fail(row.tenant_id, row.id, 'the tenant has no Telegram bot');
      continue;
    }
    const api = botApi(token, opts.config);
    try {
      const msg = await api.sendMessage(row.chat_id, telegramText(row, tenantOrigin(opts.config, site)), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
      await markTelegram(opts.db, row.tenant_id, row.id, { sent: true });
      report.sent++;
      const key = pinKeyOf(row.type, row.data);
      if (key) await pin(opts, row.tenant_id, api, row.chat_id, key, msg.message_id);
    } catch (e) {
      const f = classifyFailure(e);
      if (!f.retryable || row.attempts >= MAX_ATTEMPTS) {
        await fail(row.tenant_id, row.id, f.error);
        continue;
      }
      const delay = Math.max(retryDelayMs(row.attempts), f.retryAfterMs ?? 0);
      await markTelegram(opts.db, row.tenant_id, row.id, { sent: false, error: f.error, retryAt: new Date(now().getTime() + delay) });
      report.retried++;
    }
  }
  return report;
}

