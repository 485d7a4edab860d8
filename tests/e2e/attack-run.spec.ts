import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { api, closeLiveStream, liveDeal, logIn, origin, PASSWORD, PORT, RUN, token, verifiedIssuer } from './support/platform';

// The outside attack run's findings (issue 21) replayed against the real platform: the
// browser's own URL parsing, the web server's sockets, the headers as a client receives them.

type Raw = { status: number; headers: http.IncomingHttpHeaders };
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string, port = PORT): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { host: `alpha.localhost:${port}`, ...headers } }, (res) => {
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
  await closeLiveStream(page); // the bell's live stream would keep the network from going idle
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

// What the Docker image runs (CMD: scripts/serve.ts with APP_ENV=production set at run time),
// on this run's build and database: HSTS comes from the running configuration, not the build.
test('the production web process sends HSTS although the build was made by a local run', async () => {
  const dataDir = process.env.E2E_DATA_DIR ?? path.resolve('data/e2e');
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as { JWT_KEYS: string; DATA_ENCRYPTION_KEY: string };
  const pg = `127.0.0.1:${process.env.E2E_PG_PORT ?? '54339'}/community_deals`;
  const port = PORT + 7;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    APP_ENV: 'production',
    DATA_DIR: dataDir,
    // The ready line is an info record of the structured log.
    LOG_LEVEL: 'info',
    DATABASE_URL: `postgres://postgres:postgres@${pg}`,
    APP_DATABASE_URL: `postgres://cdp_app:cdp-app-local-only@${pg}`,
    JWT_KEYS: secrets.JWT_KEYS,
    DATA_ENCRYPTION_KEY: secrets.DATA_ENCRYPTION_KEY,
    SMTP_URL: 'smtp://127.0.0.1:2525',
  };
  const web = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  web.stdout!.on('data', (c) => (output += c));
  web.stderr!.on('data', (c) => (output += c));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in 60 s: ${output}`)), 60_000);
      web.stdout!.on('data', () => output.includes('ready:') && (clearTimeout(timer), resolve()));
      web.once('exit', (code) => reject(new Error(`serve.ts exited (${code}): ${output}`)));
    });
    const health = await raw('GET', '/api/health', {}, undefined, port);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    expect(health.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const page = await raw('GET', '/login', {}, undefined, port);
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
  } finally {
    web.kill('SIGTERM');
  }
});
