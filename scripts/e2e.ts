// npm run test:e2e: browser end-to-end tests against the real platform.
// 1. Debian's Chromium (installed with apt when missing; Playwright never downloads one),
// 2. `scripts/start.ts` on embedded defaults with its own DATA_DIR and ports (a fresh
//    database each run), waiting for /api/health,
// 3. the Playwright runner, 4. SIGINT to the platform's process group, whatever happened.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startFakeSumsub } from '../tests/e2e/support/fake-sumsub';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? './data/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const say = (m: string) => console.log(`[e2e] ${m}`);
const started = Date.now();

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  say(`${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
  const r = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(CHROMIUM)) throw new Error('could not install chromium (apt-get install -y chromium)');
}

function health(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path: '/api/health', headers: { host: `alpha.localhost:${PORT}` }, timeout: 3000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function waitForHealth(server: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the platform exited early (${server.exitCode}); see ${path.join(DATA_DIR, 'server.log')}`);
    if (await health()) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no healthy /api/health after ${timeoutMs / 1000}s; see ${path.join(DATA_DIR, 'server.log')}`);
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || !server.pid) return;
  const exited = new Promise((r) => server.once('exit', r));
  try {
    process.kill(-server.pid, 'SIGINT');
  } catch {
    return;
  }
  const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 30_000))]);
  if (!done) {
    say('the platform did not stop within 30 s; killing its process group');
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

async function main(): Promise<number> {
  ensureChromium();
  if (process.env.E2E_KEEP_DATA !== 'true') rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const log = openSync(path.join(DATA_DIR, 'server.log'), 'a');
  // Sumsub is a local fake (tests/fakes) so the WebSDK test never reaches the internet.
  const fakeSumsub = await startFakeSumsub();
  say(`starting the platform on port ${PORT} (data in ${DATA_DIR}; log in server.log)`);
  const server = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    // Webhook endpoints on this machine (the notifications spec's local sink) are allowed, as on any local run that sets it.
    env: { ...process.env, ...fakeSumsub.env, DATA_DIR, PORT: String(PORT), EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54339', ANVIL_PORT: process.env.E2E_ANVIL_PORT ?? '8645', NEXT_TELEMETRY_DISABLED: '1', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' },
    stdio: ['ignore', log, log],
    detached: true, // its own process group, so one signal reaches next, postgres and anvil
  });
  const onSignal = () => void stop(server).then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The first start may build the app (a minute or two on two cores).
    await waitForHealth(server, 10 * 60_000);
    say(`platform healthy after ${Math.round((Date.now() - started) / 1000)} s; running Playwright`);
    const args = ['playwright', 'test', ...process.argv.slice(2)];
    const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...fakeSumsub.env, E2E_PORT: String(PORT), E2E_DATA_DIR: DATA_DIR } });
    const shots = path.resolve('test-results/e2e/screenshots');
    if (r.status === 0 && process.env.E2E_SCREENSHOTS_TO_DOCS === 'true' && existsSync(shots)) {
      cpSync(shots, path.resolve('docs/screenshots'), { recursive: true });
      say('screenshots copied to docs/screenshots/');
    }
    return r.status ?? 1;
  } finally {
    fakeSumsub.stop();
    await stop(server);
    say(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[e2e] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
