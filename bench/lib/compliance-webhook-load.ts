// autocannon for webhook ingest: every request a distinct Sumsub event (its own correlationId
// and time, one of many applicants), signed as Sumsub signs it (HMAC-SHA256 hex of the raw
// body in X-Payload-Digest). Load goes to 127.0.0.1 only, for a bounded time.
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

type Result = { duration: number; '2xx': number; non2xx: number; errors: number; timeouts: number; latency: { p50: number; p99: number }; statusCodeStats?: Record<string, { count: number }> };
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Result>;

export type WebhookLoad = { rps: number; p50: number; p99: number; ok: number };

let seq = 0;
/** One signed applicantPending delivery for the n-th applicant, later than every earlier one. */
export function signedEvent(secret: string, applicantIds: string[]): { body: string; digest: string } {
  seq++;
  const at = new Date(Date.UTC(2026, 0, 1) + seq).toISOString().replace('T', ' ').replace('Z', '');
  const body = JSON.stringify({
    applicantId: applicantIds[seq % applicantIds.length],
    inspectionId: randomBytes(6).toString('hex'),
    correlationId: `bench-${process.pid}-${seq}`,
    type: 'applicantPending',
    reviewStatus: 'pending',
    createdAtMs: at,
  });
  return { body, digest: createHmac('sha256', secret).update(body).digest('hex') };
}

export async function webhookLoad(o: { url: string; secret: string; applicantIds: string[]; connections: number; seconds: number }): Promise<WebhookLoad> {
  if (new URL(o.url).hostname !== '127.0.0.1') throw new Error('load is only ever sent to 127.0.0.1');
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const e = signedEvent(o.secret, o.applicantIds);
          return { ...req, method: 'POST', headers: { 'content-type': 'application/json', 'x-payload-digest': e.digest, 'x-payload-digest-alg': 'HMAC_SHA256_HEX' }, body: e.body };
        },
      },
    ],
  });
  if (r.non2xx > 0 || r.errors + r.timeouts > 0)
    throw new Error(`${o.url}: ${r.non2xx} non-2xx (${Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => `${c}×${s.count}`).join(' ')}), ${r.errors + r.timeouts} errors`);
  return { rps: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'] };
}
