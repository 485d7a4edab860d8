import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listEndpoints, POST as createEndpointRoute } from '../../src/app/api/admin/webhooks/route';
import { getConfig, parseConfig, resetConfigCache } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { notify } from '../../src/server/notifications/notify';
import { findUserById } from '../../src/server/auth/repo';
import { deliverWebhooks } from '../../src/server/webhooks/sender';
import { createEndpoint } from '../../src/server/webhooks/service';
import { isPublicAddress, WebhookTargetRefused, type Resolver } from '../../src/server/webhooks/url-guard';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Outgoing webhooks cannot be aimed at our own network (SSRF): loopback, private, link-local
// (cloud metadata) and other non-public addresses are refused when an endpoint is registered
// and again at delivery, on the addresses the connection actually uses (DNS rebinding).

let tenant: TestTenant;
let adminToken: string;
let received = 0;
let server: http.Server;
let port = 0;
const meta = { ip: '203.0.113.9', userAgent: 'vitest', requestId: null };

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  resetConfigCache();
  server = http.createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const principalOf = async () => {
  const admin = await withTenant(tenant.id, null, (t) => findUserById(t, tenant.admin.id));
  return { userId: admin!.id, email: admin!.email, role: 'tenant_admin', roles: ['tenant_admin'] } as never;
};
const tenantCtx = () => ({ id: tenant.id, name: 'SSRF test', slug: tenant.slug, domain: null }) as never;

describe('registering an endpoint', () => {
  it.each([
    ['loopback', `http://127.0.0.1:${1234}/hook`, '127.0.0.1'],
    ['a private network', 'http://10.20.30.40/hook', '10.20.30.40'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['IPv6 loopback', 'http://[::1]:8080/hook', '::1'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1'],
    ['loopback in hex', 'http://0x7f.0.0.1/hook', '127.0.0.1'],
  ])('refuses %s with a 400 naming the address, and stores nothing', async (_what, url, address) => {
    const r = await call(createEndpointRoute, { host: tenant.host, token: adminToken, body: { url } });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('webhook_url_not_public');
    expect(r.json.detail).toContain(address);
    expect((await call(listEndpoints, { host: tenant.host, token: adminToken })).json.endpoints).toEqual([]);
  });

  it('refuses a host name that resolves to a private address, and one that does not resolve', async () => {
    const privateDns: Resolver = async (host) => (host === 'hooks.partner.test' ? ['93.184.216.34', '192.168.1.20'] : []);
    const refusal = createEndpoint(tenantCtx(), await principalOf(), { url: 'https://hooks.partner.test/in', eventTypes: [] }, meta, privateDns);
    await expect(refusal).rejects.toBeInstanceOf(WebhookTargetRefused);
    await expect(refusal).rejects.toThrow(/hooks\.partner\.test resolves to 192\.168\.1\.20/);
    await expect(createEndpoint(tenantCtx(), await principalOf(), { url: 'https://nowhere.partner.test/in', eventTypes: [] }, meta, privateDns)).rejects.toThrow(/does not resolve/);
    const ok = await createEndpoint(tenantCtx(), await principalOf(), { url: 'https://public.partner.test/in', eventTypes: [] }, meta, async () => ['93.184.216.34', '2606:4700::6810:85e5']);
    expect(ok.url).toBe('https://public.partner.test/in');
    await ownerDb().deleteFrom('webhook_endpoints').where('tenant_id', '=', tenant.id).execute();
  });

  it('tells public from non-public addresses', () => {
    for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700::6810:85e5']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not-an-ip'])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('the local-runs setting that lets localhost receive cannot be set in production', () => {
    const production = { APP_ENV: 'production', JWT_KEYS: 'k', DATABASE_URL: 'postgres://x@db/x', DATA_ENCRYPTION_KEY: 'k', SMTP_URL: 'smtp://mail', APP_DB_PASSWORD: 'a-long-password-here' };
    expect(() => parseConfig({ ...production, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS/);
    expect(parseConfig(production).WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
  });
});

describe('delivering', () => {
  it('refuses a host that resolved to a public address at registration and to loopback at delivery (DNS rebinding), without connecting', async () => {
    let calls = 0;
    // Public for the registration and the delivery's first check; 127.0.0.1 when the socket looks it up.
    const rebinding: Resolver = async () => (++calls <= 2 ? ['93.184.216.34'] : ['127.0.0.1']);
    const ep = await createEndpoint(tenantCtx(), await principalOf(), { url: `http://rebind.partner.test:${port}/in`, eventTypes: [] }, meta, rebinding);
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, { type: 'investment.confirmed', userId: u.id, title: 't', body: 'b', dedupeKey: randomBytes(6).toString('hex') }));
    const report = await deliverWebhooks({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id], resolve: rebinding });
    expect(report).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(calls).toBe(3);
    expect(received).toBe(0);
    const [d] = await ownerDb().selectFrom('webhook_deliveries').select(['status', 'last_error']).where('tenant_id', '=', tenant.id).where('endpoint_id', '=', ep.id).execute();
    expect(d).toMatchObject({ status: 'failed', last_error: expect.stringContaining('127.0.0.1') });
  });

  it('refuses a stored endpoint whose address is private (registered before the rule, or by the owner) at delivery', async () => {
    await ownerDb().deleteFrom('webhook_endpoints').where('tenant_id', '=', tenant.id).execute();
    const ep = await createEndpoint(tenantCtx(), await principalOf(), { url: `http://moved.partner.test:${port}/in`, eventTypes: [] }, meta, async () => ['93.184.216.34']);
    await ownerDb().updateTable('webhook_endpoints').set({ url: `http://127.0.0.1:${port}/in` }).where('tenant_id', '=', tenant.id).where('id', '=', ep.id).execute();
    const u = await makeUser(tenant);
    await withTenant(tenant.id, null, (t) => notify(t, { type: 'investment.confirmed', userId: u.id, title: 't', body: 'b', dedupeKey: randomBytes(6).toString('hex') }));
    expect(await deliverWebhooks({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id] })).toEqual({ delivered: 0, retried: 0, failed: 1 });
    expect(received).toBe(0);
  });
});
