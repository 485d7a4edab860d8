// Webhook ingest for bench/compliance.ts: a bare node:http server in its own process, so the
// figures are the ingestion's, not Next.js's. Two paths, one database, same tenant:
//   POST /verified    ingestKycWebhook() from src/server/kyc/webhooks.ts, exactly what the
//                     route calls: HMAC over the raw body, zod parse, then the transaction
//   POST /unverified  the ceiling: the same transaction steps (claim, find application,
//                     ordering, transition, event, settle) with the body JSON.parse'd and no
//                     signature check or payload schema; bench-only, production has no bypass
// Run by bench/compliance.ts with DATABASE_URL, DATA_DIR, JWT_KEYS, SUMSUB_WEBHOOK_SECRET,
// BARE_PORT and BENCH_HOST set.
import http from 'node:http';
import { getConfig } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { shouldApply } from '../../src/server/kyc/ordering';
import { SumsubProvider } from '../../src/server/kyc/providers/sumsub';
import { claimReceipt, findApplicationByApplicant, insertEvent, settleReceipt } from '../../src/server/kyc/repo';
import { transitionApplication } from '../../src/server/kyc/transition';
import { ingestKycWebhook } from '../../src/server/kyc/webhooks';
import { resolveTenant, type TenantContext } from '../../src/server/tenancy/resolve';

const config = getConfig();
const NO_META = { ip: '127.0.0.1', userAgent: 'bench', requestId: null };
const mapper = new SumsubProvider({ appToken: '', secretKey: '', webhookSecret: null, baseUrl: '' });

/** The ceiling: ingestKycWebhook's transaction with the verify step taken out. */
async function ingestUnverified(tenant: TenantContext, rawBody: string) {
  return withTenant(tenant.id, null, async (t) => {
    const ev = mapper.mapEvent(JSON.parse(rawBody), rawBody);
    if (!(await claimReceipt(t, 'sumsub', ev.eventId))) return { received: true, outcome: 'duplicate' };
    const app = ev.applicantKey ? await findApplicationByApplicant(t, 'sumsub', ev.applicantKey) : undefined;
    let outcome: 'applied' | 'stale' | 'ignored' = 'ignored';
    if (app && ev.status) {
      outcome = shouldApply({ current: app.status, lastEventAt: app.last_event_at, next: ev.status, occurredAt: ev.occurredAt }) ? 'applied' : 'stale';
      if (outcome === 'applied' && ev.occurredAt) await transitionApplication(t, app, app.status, { reason: app.decision_reason, reviewedBy: app.reviewed_by, final: false, lastEventAt: ev.occurredAt, evidence: {} });
    }
    await insertEvent(t, { applicationId: app?.id ?? null, provider: 'sumsub', eventId: ev.eventId, type: ev.type, mappedStatus: ev.status, outcome, occurredAt: ev.occurredAt, payload: ev.summary });
    await settleReceipt(t, 'sumsub', ev.eventId, outcome);
    return { received: true, outcome };
  });
}

async function main() {
  const tenant = await resolveTenant(process.env.BENCH_HOST, config.PLATFORM_BASE_DOMAIN);
  if (!tenant) throw new Error(`no tenant for ${process.env.BENCH_HOST}`);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
      const work = req.url === '/verified' ? ingestKycWebhook(tenant, 'sumsub', raw, headers, config, NO_META) : req.url === '/unverified' ? ingestUnverified(tenant, raw) : Promise.resolve({ ok: true });
      work.then(
        (body) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (err: Error & { status?: number }) => {
          res.writeHead(err.status ?? 500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: err.message }));
        },
      );
    });
  });
  server.listen(Number(process.env.BARE_PORT), '127.0.0.1');
  const stop = () => server.close(() => void closePools().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
