import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { api, liveDeal, logIn, origin, PASSWORD, PORT, RUN, token, verifiedIssuer } from './support/platform';

// The outside attack run's findings (issue 21) replayed against the real platform: the
// browser's own URL parsing, the web server's sockets, the headers as a client receives them.

type Raw = { status: number; headers: http.IncomingHttpHeaders };
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, headers: { host: `alpha.localhost:${PORT}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('after login, a hostile ?next= never leaves the site, as the browser itself parses it', async ({ page }) => {
  const offSite: string[] = [];
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (!host.endsWith('localhost')) offSite.push(r.url());
  });
  await logIn(page, 'alpha', 'investor1@alpha.example');
  for (const next of ['/\t/evil.example', '/%09/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/', '/\n/evil.example']) {
    // A signed-in visitor is resumed to next without typing anything: the attack's path.
    await page.goto(`${origin('alpha')}/login?next=${encodeURIComponent(next)}`);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).origin, `next=${JSON.stringify(next)}`).toBe(origin('alpha'));
  }
  expect(offSite).toEqual([]);
});

test('through the web server, headers a client sends do not change its address: the login throttle holds', async () => {
  const email = `spoof.${RUN}@example.org`;
  expect((await api('alpha', 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Spoof' } })).status).toBe(201);
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const spoof = `198.51.100.${i + 1}`;
    const body = JSON.stringify({ email, password: 'not-the-password-1' });
    const r = await raw('POST', '/api/auth/login', { 'content-type': 'application/json', 'x-real-ip': spoof, 'x-forwarded-for': spoof, 'x-cdp-peer-address': spoof }, body);
    statuses.push(r.status);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
});

test('security headers as a client receives them: API and page policies, and a download keeps its sandbox', async () => {
  const health = await raw('GET', '/api/health', {});
  expect(health.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(health.headers['x-content-type-options']).toBe('nosniff');
  expect(health.headers['x-frame-options']).toBe('DENY');
  expect(health.headers['x-powered-by']).toBeUndefined();
  // npm start is a local run (APP_ENV=local): no HSTS on plain http://*.localhost.
  expect(health.headers['strict-transport-security']).toBeUndefined();

  const page = await raw('GET', '/login', {});
  expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);

  const issuer = await verifiedIssuer('alpha');
  const deal = await liveDeal('alpha', `Header Check Depot ${RUN}`);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(48)]);
  const up = await new Promise<{ cid: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path: `/api/deals/${deal.id}/media?caption=Site&position=1`, headers: { host: `alpha.localhost:${PORT}`, authorization: `Bearer ${issuer}`, 'content-type': 'application/octet-stream' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(`upload: ${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(png);
  });
  const file = await raw('GET', `/api/files/${up.cid}`, { authorization: `Bearer ${await token('alpha', 'investor1@alpha.example')}` });
  expect(file.status).toBe(200);
  expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  expect(file.headers['x-content-type-options']).toBe('nosniff');
});
