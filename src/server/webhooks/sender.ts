import http from 'node:http';
import https from 'node:https';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/types';
import { dataEncryptionKey, openSecret } from '../kyc/credentials';
import { retryDelayMs } from '../notifications/delivery';
import { signStandardWebhook } from '../notifications/standard-webhooks';
import { claimDueDeliveries, markDelivery } from './repo';
import { secretAad } from './service';
import { assertPublicTarget, guardedLookup, systemResolver, WebhookTargetRefused, type Resolver, type UrlGuard } from './url-guard';

// Sends due webhook deliveries, signed with the Standard Webhooks scheme (webhook-id is the
// delivery's id, stable across retries, so the receiver can drop a repeat). A 2xx answer is
// delivered; anything else is retried with the mail backoff (1, 2, 4… minutes) until
// MAX_ATTEMPTS, then failed and left in the log.

export const MAX_ATTEMPTS = 8;

export type WebhookReport = { delivered: number; retried: number; failed: number };

/**
 * POSTs without following redirects, through the SSRF guard: an IP literal is checked before
 * connecting, a host name on the addresses the socket connects to (guardedLookup).
 */
async function post(url: string, headers: Record<string, string>, body: string, guard: UrlGuard): Promise<number> {
  await assertPublicTarget(url, guard);
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 10_000, ...(guard.allowPrivate ? {} : { lookup: guardedLookup(guard) }) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function deliverWebhooks(opts: {
  db: Kysely<Database>;
  config: Pick<Config, 'DATA_ENCRYPTION_KEY' | 'WEBHOOK_ALLOW_PRIVATE_URLS'>;
  /** Tests: a stub DNS. */
  resolve?: Resolver;
  batch?: number;
  leaseMs?: number;
  tenantIds?: string[];
  now?: () => Date;
}): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retried: 0, failed: 0 };
  const claimed = await claimDueDeliveries(opts.db, opts.batch ?? 20, opts.leaseMs ?? 60_000, opts.tenantIds);
  if (claimed.length === 0) return report;
  const key = dataEncryptionKey(opts.config);
  const now = opts.now ?? (() => new Date());
  const guard: UrlGuard = { allowPrivate: opts.config.WEBHOOK_ALLOW_PRIVATE_URLS, resolve: opts.resolve ?? systemResolver };
  for (const d of claimed) {
    let status: number | null = null;
    let error = '';
    let refused = false;
    try {
      const secret = openSecret(d.secret_sealed, key, secretAad(d.tenant_id, d.endpoint_id));
      const ts = Math.floor(now().getTime() / 1000);
      status = await post(d.url, { 'content-type': 'application/json', 'user-agent': 'CommunityDeals-Webhooks/1', 'webhook-id': d.id, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(secret, d.id, ts, d.payload) }, d.payload, guard);
      if (status >= 200 && status < 300) {
        await markDelivery(opts.db, d.tenant_id, d.id, { ok: true, status });
        report.delivered++;
        continue;
      }
      error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      refused = e instanceof WebhookTargetRefused && e.permanent;
    }
    const final = refused || d.attempts >= MAX_ATTEMPTS;
    await markDelivery(opts.db, d.tenant_id, d.id, { ok: false, status, error, retryAt: final ? null : new Date(now().getTime() + retryDelayMs(d.attempts)) });
    if (final) report.failed++;
    else report.retried++;
  }
  return report;
}
