import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listEndpoints, POST as createEndpoint } from '../../src/app/api/admin/webhooks/route';
import { POST as sendTest } from '../../src/app/api/admin/webhooks/[id]/test/route';
import { GET as deliveries } from '../../src/app/api/admin/webhooks/[id]/deliveries/route';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { notify } from '../../src/server/notifications/notify';
import { standardWebhookRefusal } from '../../src/server/notifications/standard-webhooks';
import { deliverWebhooks } from '../../src/server/webhooks/sender';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Tenants' own systems hear about events on their endpoints, signed with the Standard Webhooks
// scheme, retried on failure, logged; tenant A's endpoint never receives tenant B's events.

type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** Status to answer per path (default 204). */
const answer = new Map<string, number>();
let server: http.Server;
let base = '';
let a: TestTenant;
let b: TestTenant;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  // The receiver here is on 127.0.0.1: the local-runs setting that lets the dev sink receive (webhooks-ssrf.test.ts refuses it).
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';
  resetConfigCache();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(answer.get(req.url ?? '') ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  a = await makeTenant();
  b = await makeTenant();
  tokenA = await tokenFor(a, a.admin.email);
  tokenB = await tokenFor(b, b.admin.email);
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const send = (tenants: TestTenant[], now?: () => Date) => deliverWebhooks({ db: ownerDb(), config: getConfig(), tenantIds: tenants.map((t) => t.id), now });
const register = async (tenant: TestTenant, token: string, path: string, eventTypes: string[] = []) => {
  const r = await call(createEndpoint, { host: tenant.host, token, body: { url: `${base}${path}`, eventTypes } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  expect(r.json.secret).toMatch(/^whsec_/);
  return r.json as { id: string; secret: string };
};
const event = (tenant: TestTenant, userId: string, title: string) =>
  withTenant(tenant.id, null, (t) => notify(t, { type: 'investment.confirmed', userId, title, body: 'b', dedupeKey: randomBytes(6).toString('hex') }));

describe('outgoing webhooks', () => {
  it('delivers a tenant’s events to its own endpoints only, signed so the receiver can verify them', async () => {
    const epA = await register(a, tokenA, '/a');
    const epB = await register(b, tokenB, '/b');
    const ua = await makeUser(a);
    const ub = await makeUser(b);
    await event(a, ua.id, 'event of A');
    await event(b, ub.id, 'event of B');
    await send([a, b]);
    const atA = received.filter((r) => r.path === '/a');
    const atB = received.filter((r) => r.path === '/b');
    expect(atA.map((r) => JSON.parse(r.body).data.title)).toEqual(['event of A']);
    expect(atB.map((r) => JSON.parse(r.body).data.title)).toEqual(['event of B']);
    const h = atA[0]!.headers;
    const verdict = (secret: string) => standardWebhookRefusal(secret, { id: String(h['webhook-id']), timestamp: String(h['webhook-timestamp']), signature: String(h['webhook-signature']) }, atA[0]!.body, Math.floor(Date.now() / 1000));
    expect(verdict(epA.secret)).toBeNull();
    expect(verdict(epB.secret)).toBe('no valid signature');
    expect(JSON.parse(atA[0]!.body)).toMatchObject({ type: 'investment.confirmed', data: { userId: ua.id } });
    // The list never shows the secret again.
    expect(JSON.stringify((await call(listEndpoints, { host: a.host, token: tokenA })).json)).not.toContain('whsec_');
  });

  it('retries a failing endpoint with backoff under the same webhook-id, and logs each attempt', async () => {
    const ep = await register(a, tokenA, '/flaky', ['webhook.test']);
    answer.set('/flaky', 500);
    expect((await call(sendTest, { host: a.host, token: tokenA, params: { id: ep.id } })).status).toBe(202);
    await send([a]);
    let log = (await call(deliveries, { host: a.host, token: tokenA, params: { id: ep.id } })).json.deliveries;
    expect(log).toMatchObject([{ eventType: 'webhook.test', status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' }]);
    expect(log[0].nextAttemptAt).not.toBeNull();
    // Not due yet: nothing is sent again.
    const before = received.filter((r) => r.path === '/flaky').length;
    await send([a]);
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(before);
    answer.set('/flaky', 200);
    await ownerDb().updateTable('webhook_deliveries').set({ next_attempt_at: new Date(Date.now() - 1000) }).where('tenant_id', '=', a.id).where('endpoint_id', '=', ep.id).execute();
    await send([a]);
    log = (await call(deliveries, { host: a.host, token: tokenA, params: { id: ep.id } })).json.deliveries;
    expect(log).toMatchObject([{ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null }]);
    const ids = received.filter((r) => r.path === '/flaky').map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    // Endpoint B-side: tenant B cannot see or test A's endpoint.
    expect((await call(deliveries, { host: b.host, token: tokenB, params: { id: ep.id } })).status).toBe(404);
    expect((await call(sendTest, { host: b.host, token: tokenB, params: { id: ep.id } })).status).toBe(404);
  });

  it('only admins manage endpoints, and a bad URL is named', async () => {
    const investor = await makeUser(a);
    const t = await tokenFor(a, investor.email);
    expect((await call(createEndpoint, { host: a.host, token: t, body: { url: `${base}/x` } })).status).toBe(403);
    const bad = await call(createEndpoint, { host: a.host, token: tokenA, body: { url: 'ftp://example.com/x' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('url');
  });
});
