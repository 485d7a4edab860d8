// The web process: a node:http server in front of Next.js's request handler (the custom
// server Next.js documents), for the two things only the owner of the socket can do right:
// the client's address comes from the socket (a header a client sends is never taken for
// it), and the security headers are decided per request from the running configuration.
// Usage: node --import tsx scripts/serve.ts [--dev] [-p PORT] [-H HOST]
import http from 'node:http';
import next from 'next';
import { announcePeerAddressStamping } from '../src/server/http/client-address';
import { prepareExchange } from '../src/server/http/security-headers';
import { PageCache } from '../src/server/http/page-cache';
import { listingGeneration } from '../src/server/deals/listing-cache';
import { resolveTenant } from '../src/server/tenancy/resolve';
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

// Anonymous home and deals pages rendered once a second per tenant and address, not per visitor
// (src/server/http/page-cache.ts). The tenant cache and the listing cache live on globalThis, so
// this process sees the same tenant objects and listing generations the pages render from.
const tenantSerial = new WeakMap<object, number>();
let serials = 0;
const pages = dev
  ? null
  : new PageCache({
      hostOf: (req) => String((config.TRUST_PROXY && req.headers['x-forwarded-host']) || req.headers.host || ''),
      versionOf: async (host) => {
        const tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
        if (!tenant) return 'no-tenant';
        if (!tenantSerial.has(tenant)) tenantSerial.set(tenant, ++serials);
        return `${tenantSerial.get(tenant)}:${listingGeneration(tenant.id)}`;
      },
    });

const server = http.createServer((req, res) => {
  prepareExchange(req, res, production);
  const key = pages?.keyOf(req);
  (key ? pages!.serve(req, res, key, handle) : handle(req, res)).catch((e: unknown) => {
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
