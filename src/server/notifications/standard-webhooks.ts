import { createHmac, timingSafeEqual } from 'node:crypto';

// The Standard Webhooks scheme (standardwebhooks.com), used both ways: Resend signs its
// delivery events with it, and our outgoing webhooks are signed with it. The signed content is
// "<webhook-id>.<webhook-timestamp>.<body>", HMAC-SHA256 under the base64 secret (a "whsec_"
// prefix is dropped); the header carries one or more space-separated "v1,<base64>"; a
// timestamp more than five minutes off is refused (replays).

export const TOLERANCE_SECONDS = 5 * 60;

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', key(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/** Why a delivery is refused, or null when one of its signatures is ours and it is recent. */
export function standardWebhookRefusal(secret: string, h: WebhookHeaders, body: string, nowSeconds: number): string | null {
  if (!h.id || !h.timestamp || !h.signature) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  if (!/^\d{1,12}$/.test(h.timestamp)) return 'webhook-timestamp is not a Unix time';
  const ts = Number(h.timestamp);
  if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) return 'webhook-timestamp is too old or too new';
  const expected = Buffer.from(signStandardWebhook(secret, h.id, ts, body).slice(3), 'base64');
  for (const part of h.signature.split(' ')) {
    const [version, sig] = part.split(',');
    if (version !== 'v1' || !sig) continue;
    const given = Buffer.from(sig, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'no valid signature';
}
