// The web process: a node:http server in front of Next.js's request handler (the custom
// server Next.js documents), for the two things only the owner of the socket can do right:
// the client's address comes from the socket (a header a client sends is never taken for
// it), and the security headers are decided per request from the running configuration.
// Usage: node --import tsx scripts/serve.ts [--dev] [-p PORT] [-H HOST]
import http from 'node:http';
import next from 'next';
import { announcePeerAddressStamping } from '../src/server/http/client-address';
import { prepareExchange } from '../src/server/http/security-headers';
import { getBotType } from 'next/dist/shared/lib/router/utils/is-bot.js';
import { PageCache, type RenderedTemplate } from '../src/server/http/page-cache';
import { authenticate } from '../src/server/auth/principal';
import { listingViewKey } from '../src/server/deals/browse';
import { listingGeneration } from '../src/server/deals/listing-cache';
import { ACCESS_COOKIE } from '../src/server/http/cookies';
import { TEMPLATE_HEADER, isTemplateRequest, templateSecret } from '../src/server/http/identity-template';
import { resolveTenant, type TenantContext } from '../src/server/tenancy/resolve';
import { startRole } from './process-role';

const arg = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dev = process.argv.includes('--dev');
// Structured logs from the first line; Next.js's own console output included.
const { config, log } = startRole('web');
const port = Number(arg('-p') ?? config.PORT);
const hostname = arg('-H') ?? '0.0.0.0';
const production = config.APP_ENV === 'production';

const app = next({ dev, dir: process.cwd(), hostname, port, customServer: true });
await app.prepare();
const handle = app.getRequestHandler();
announcePeerAddressStamping();

// Anonymous home and deals pages rendered once a second per tenant and address, not per visitor;
// the signed-in deals page once a second per tenant, address and view, the visitor's name filled
// in per request (src/server/http/page-cache.ts). The tenant cache and the listing cache live on
// globalThis, so this process sees the same tenant objects and listing generations the pages
// render from.
const tenantSerial = new WeakMap<object, number>();
let serials = 0;
const versionOfTenant = (tenant: TenantContext) => {
  if (!tenantSerial.has(tenant)) tenantSerial.set(tenant, ++serials);
  return `${tenantSerial.get(tenant)}:${listingGeneration(tenant.id)}`;
};
/** The one access cookie of a request (two of them: none, the page renders for the visitor). */
function accessToken(cookie: string | undefined): string | null {
  const values = (cookie ?? '').split(/; */).filter((p) => p.slice(0, p.indexOf('=')) === ACCESS_COOKIE);
  return values.length === 1 ? values[0]!.slice(ACCESS_COOKIE.length + 1) : null;
}
const loopback = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
/** Asks this server for a page template: the visitor's address and access cookie only, with the secret header. */
function renderTemplate(req: http.IncomingMessage, cookie: string): Promise<RenderedTemplate | null> {
  const pass = ['host', 'user-agent', 'accept', 'accept-language', ...(config.TRUST_PROXY ? ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-for'] : [])];
  const headers: Record<string, string> = { cookie, [TEMPLATE_HEADER]: templateSecret() };
  for (const h of pass) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
  return new Promise((resolve) => {
    const r = http.get({ host: loopback, port, path: req.url, headers, timeout: 30_000 }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') }));
      answer.on('error', () => resolve(null));
    });
    r.on('error', () => resolve(null));
    r.on('timeout', () => r.destroy());
  });
}
const pages = dev
  ? null
  : new PageCache({
      hostOf: (req) => String((config.TRUST_PROXY && req.headers['x-forwarded-host']) || req.headers.host || ''),
      versionOf: async (host) => {
        const tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
        return tenant ? versionOfTenant(tenant) : 'no-tenant';
      },
      // The session checked as the page checks it (src/app/session.ts), then what the page shows
      // depends on: the roles (the header's links) and the listing's view (the cards).
      viewOf: async (req, host) => {
        const token = accessToken(req.headers.cookie);
        if (!token) return null;
        const tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
        if (!tenant) return null;
        let value: string;
        try {
          value = decodeURIComponent(token);
        } catch {
          return null;
        }
        const p = await authenticate(tenant.id, value);
        if (typeof p === 'string') return null;
        const listing = await listingViewKey(tenant, p);
        if (listing === null) return null;
        const bot = getBotType(String(req.headers['user-agent'] ?? '')) ?? 'browser';
        return {
          key: `${bot}\n${[...p.roles].sort().join(',')}\n${listing}`,
          version: versionOfTenant(tenant),
          identity: { firstName: p.firstName, lastName: p.lastName, email: p.email },
          cookie: `${ACCESS_COOKIE}=${token}`,
        };
      },
      renderTemplate,
    });

const server = http.createServer((req, res) => {
  prepareExchange(req, res, production);
  // The server's own template requests render as they are; anybody else's header is dropped.
  if (req.headers[TEMPLATE_HEADER] !== undefined) {
    if (pages && isTemplateRequest(String(req.headers[TEMPLATE_HEADER]))) return void handle(req, res).catch(() => res.end());
    delete req.headers[TEMPLATE_HEADER];
  }
  const key = pages?.keyOf(req);
  const served = key ? pages!.serve(req, res, key, handle) : pages?.signedCandidate(req) ? pages.serveSigned(req, res, handle) : handle(req, res);
  served.catch((e: unknown) => {
    log.error({ err: e, method: req.method, path: req.url?.split('?')[0] }, 'request failed');
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));
}
// Longer than a load balancer's idle timeout (60 s on the common ones), so the proxy, not
// the app, closes idle connections and never sends a request into a closing socket.
server.keepAliveTimeout = 65_000;

server.listen(port, hostname, () => log.info({ port, hostname, build: dev ? 'development' : 'production', appEnv: config.APP_ENV }, `ready: web server on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  });
}
