import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database, NotificationChannel } from '../db/types';
import { renderNotificationEmail } from './notification-email';
import { isLocked, isNotificationType, TYPE_RULES } from './catalog';
import { deliverTelegram } from '../telegram/service';
import { deliverWebhooks } from '../webhooks/sender';
import { startPolling, type PollingLoop } from './polling';
import { deliverDueRows, expandDueFanouts, type ChannelRule } from './repo';

// Turns the notification outbox into in-app notifications and queued mail. Runs in the mailer
// process (and inside npm start), as the owner, for every tenant. Each round is one
// transaction (repo.deliverDueRows), so a crash delivers nothing twice and loses nothing.

export type OutboxDeliveryOptions = {
  db: Kysely<Database>;
  config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT' | 'DATA_ENCRYPTION_KEY' | 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'WEBHOOK_ALLOW_PRIVATE_URLS'>;
  batch?: number;
  tenantIds?: string[];
  /** Tests: runs after the round's writes, before its commit. */
  beforeCommit?: () => Promise<void>;
};

export type OutboxReport = { inApp: number; email: number; telegram: number; fanouts: number };

function channelRules(type: string): Record<NotificationChannel, ChannelRule> {
  const rule = (c: NotificationChannel): ChannelRule => (isNotificationType(type) ? { locked: isLocked(type, c), byDefault: TYPE_RULES[type].defaults.includes(c) } : { locked: false, byDefault: false });
  return { in_app: rule('in_app'), email: rule('email'), telegram: rule('telegram') };
}

/** Delivers everything due, batch after batch, until the outbox has nothing due. */
export async function deliverNotifications(opts: OutboxDeliveryOptions): Promise<OutboxReport> {
  const total: OutboxReport = { inApp: 0, email: 0, telegram: 0, fanouts: 0 };
  const limit = opts.batch ?? 1000;
  // Audiences first: their email copies join the outbox and leave in the rounds below.
  for (;;) {
    const f = await expandDueFanouts(opts.db, { limit: 10, tenantIds: opts.tenantIds, rules: channelRules, beforeCommit: opts.beforeCommit });
    total.fanouts += f.fanouts;
    total.inApp += f.inApp;
    total.telegram += f.telegram;
    if (f.fanouts < 10) break;
  }
  for (;;) {
    const r = await deliverDueRows(opts.db, { limit, tenantIds: opts.tenantIds, renderEmail: (row) => renderNotificationEmail(opts.config, row), beforeCommit: opts.beforeCommit });
    total.inApp += r.inApp;
    total.email += r.email;
    if (r.inApp + r.email < limit) return total;
  }
}

export type OutboxDelivery = PollingLoop;

/** Polls every `intervalMs`: notifications, then outgoing webhooks; stop() waits for the round in flight. */
export function startNotificationDelivery(opts: OutboxDeliveryOptions & { intervalMs?: number; log: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void }): OutboxDelivery {
  return startPolling(
    async () => {
      const r = await deliverNotifications(opts);
      if (r.inApp || r.email || r.fanouts) opts.log('info', 'notifications delivered', r);
      // Telegram rows leave through the tenant's bot, with retries (telegram/delivery.ts).
      const tg = await deliverTelegram(opts);
      if (tg.sent || tg.retried || tg.failed) opts.log(tg.retried || tg.failed ? 'warn' : 'info', 'telegram sent', tg);
      // Outgoing webhooks need the key their secrets are sealed with; without it none can exist.
      if (!opts.config.DATA_ENCRYPTION_KEY) return;
      const w = await deliverWebhooks({ db: opts.db, config: opts.config, tenantIds: opts.tenantIds });
      if (w.delivered || w.retried || w.failed) opts.log(w.retried || w.failed ? 'warn' : 'info', 'webhooks sent', w);
    },
    { intervalMs: opts.intervalMs ?? 1000, onError: (e) => opts.log('warn', 'notification delivery paused', { error: e instanceof Error ? e.message : String(e) }) },
  );
}
