// The ceiling for the HTTP benchmarks: a bare node:http server in its own process (as `next
// start` is) calling the very same server functions the Next.js route handlers call, so the
// difference between the two is the framework and the route wrapper, nothing else.
//   GET  /api/health            checkHealth(): select 1 (app pool), eth_blockNumber, pending-mail query, storage
//   GET  /api/profile           resolveTenant (cached) + authenticate() + getProfile()
//   GET  /api/profile?limit=1   the same plus the per-user request budget the route wrapper spends
//                               (counted in memory, added to rate_limits every 250 ms)
//   POST /api/auth/login        resolveTenant + zod body + login() + session cookies
// Run by bench/foundation.ts with DATABASE_URL, JWT_KEYS, RPC_URL, DATA_DIR and BARE_PORT set.
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { login } from '../../src/server/auth/login';
import { authenticate } from '../../src/server/auth/principal';
import { getProfile } from '../../src/server/auth/profile';
import { loginInput } from '../../src/server/auth/schema';
import { getConfig } from '../../src/server/config';
import { checkHealth } from '../../src/server/health/service';
import { serializeCookie } from '../../src/server/http/cookies';
import { sessionCookies } from '../../src/server/http/session-cookies';
import { spendRequestBudget } from '../../src/server/ratelimit/request-budget';
import { requestLimit } from '../../src/server/ratelimit/policy';
import { resolveTenant } from '../../src/server/tenancy/resolve';
import { serveBare, type Reply } from './bare-http';


function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}

async function handle(req: http.IncomingMessage): Promise<Reply> {
  const config = getConfig();
  const url = new URL(req.url ?? '/', 'http://bare');
  if (url.pathname === '/api/health' && req.method === 'GET') {
    const health = await checkHealth();
    return { status: health.status === 'unhealthy' ? 503 : 200, body: health };
  }
  const tenant = await resolveTenant(req.headers.host, config.PLATFORM_BASE_DOMAIN);
  if (!tenant) return { status: 404, body: { code: 'tenant_not_found' } };
  if (url.pathname === '/api/profile' && req.method === 'GET') {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return { status: 401, body: { code: 'unauthorized' } };
    const principal = await authenticate(tenant.id, token);
    if (typeof principal === 'string') return { status: 401, body: { code: principal } };
    if (url.searchParams.get('limit') === '1') {
      const limit = requestLimit('authenticated', tenant.settings);
      if (limit) spendRequestBudget(limit, `${tenant.id}:u:${principal.userId}`);
    }
    return { status: 200, body: await getProfile(tenant, principal) };
  }
  if (url.pathname === '/api/auth/login' && req.method === 'POST') {
    const input = loginInput.parse(JSON.parse(await readBody(req)));
    const meta = { ip: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null, requestId: randomUUID() };
    const r = await login(tenant, input, meta);
    if (r.kind !== 'signed_in') return { status: 409, body: { code: 'mfa_required' } };
    return { status: 200, body: { token: r.tokens.accessToken, user: r.user }, cookies: sessionCookies(r.tokens).map((c) => serializeCookie(c, false)) };
  }
  return { status: 404, body: { code: 'not_found' } };
}

serveBare('bare server', handle);
