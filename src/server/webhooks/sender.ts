import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/types';
import { dataEncryptionKey, openSecret } from '../kyc/credentials';
import { retryDelayMs } from '../notifications/delivery';
import { signStandardWebhook } from '../notifications/standard-webhooks';
import { claimDueDeliveries, markDelivery } from './repo';
import { secretAad } from './service';

// Sends due webhook deliveries, signed with the Standard Webhooks scheme (webhook-id is the
// delivery's id, stable across retries, so the receiver can drop a repeat). A 2xx answer is
// delivered; anything else is retried with the mail backoff (1, 2, 4… minutes) until
// MAX_ATTEMPTS, then failed and left in the log.

export const MAX_ATTEMPTS = 8;

export type WebhookReport = { delivered: number; retried: number; failed: number };

export async function deliverWebhooks(opts: { db: Kysely<Database>; config: Pick<Config, 'DATA_ENCRYPTION_KEY'>; fetch?: typeof fetch; batch?: number; leaseMs?: number; tenantIds?: string[]; now?: () => Date }): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retried: 0, failed: 0 };
  const claimed = await claimDueDeliveries(opts.db, opts.batch ?? 20, opts.leaseMs ?? 60_000, opts.tenantIds);
  if (claimed.length === 0) return report;
  const key = dataEncryptionKey(opts.config);
  const now = opts.now ?? (() => new Date());
  const send = opts.fetch ?? fetch;
  for (const d of claimed) {
    let status: number | null = null;
    let error = '';
    try {
      const secret = openSecret(d.secret_sealed, key, secretAad(d.tenant_id, d.endpoint_id));
      const ts = Math.floor(now().getTime() / 1000);
      const res = await send(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'CommunityDeals-Webhooks/1', 'webhook-id': d.id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(secret, d.id, ts, d.payload) },
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (res.ok) {
        await markDelivery(opts.db, d.tenant_id, d.id, { ok: true, status: res.status });
        report.delivered++;
        continue;
      }
      error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const final = d.attempts >= MAX_ATTEMPTS;
    await markDelivery(opts.db, d.tenant_id, d.id, { ok: false, status, error, retryAt: final ? null : new Date(now().getTime() + retryDelayMs(d.attempts)) });
    if (final) report.failed++;
    else report.retried++;
  }
  return report;
}
