// Starts the whole platform the way `npm start` does (scripts/start.ts) on ports and a data
// folder of the benchmark's own, so it never collides with a developer's running instance,
// and stops it again by signalling its process group.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { loadLocalSecrets } from '../../scripts/local-secrets';
import { resetConfigCache } from '../../src/server/config';
import { httpGet, httpPostJson } from './http';

export type PlatformOptions = {
  port: number;
  pgPort: number;
  anvilPort: number;
  dataDir: string;
  /** Host header of a tenant that exists once the seed ran (alpha is always seeded). */
  probeHost: string;
  startTimeoutMs?: number;
};

export type Platform = {
  baseUrl: string;
  ownerUrl: string;
  rpcUrl: string;
  logFile: string;
  stop: () => Promise<void>;
};

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const p of ports) if (!(await portFree(p))) throw new Error(`port ${p} is in use on 127.0.0.1; stop whatever holds it (an earlier bench run?) and retry`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}

function tail(file: string, lines = 40): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** Stops a detached child's whole process group: SIGINT (start.ts shuts down in order), then SIGKILL. */
export async function stopGroup(child: ChildProcess, graceMs = 20_000): Promise<void> {
  const pid = child.pid;
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGINT');
  } catch {
    return;
  }
  if (await waitUntil(() => !groupAlive(pid), graceMs)) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitUntil(() => !groupAlive(pid), 5_000);
}

export async function startPlatform(opts: PlatformOptions, say: (m: string) => void): Promise<Platform> {
  await assertPortsFree([opts.port, opts.pgPort, opts.anvilPort]);
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'start.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(opts.pgPort),
    ANVIL_PORT: String(opts.anvilPort),
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The platform must own its database and chain: nothing inherited may point elsewhere.
  for (const k of ['DATABASE_URL', 'APP_DATABASE_URL', 'RPC_URL', 'REDIS_URL', 'JWT_KEYS', 'DATA_ENCRYPTION_KEY', 'NODE_ENV'] as const) delete env[k];

  const child = spawn('npx', ['tsx', 'scripts/start.ts'], { cwd: process.cwd(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async () => {
    say('stopping the platform (SIGINT to its process group)…');
    await stopGroup(child);
    log.end();
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) say(`warning: ${pidFile} is still present; the next start will stop that server`);
  };

  const baseUrl = `http://127.0.0.1:${opts.port}`;
  say(`starting the platform on ${baseUrl} (log: ${path.relative(process.cwd(), logFile)}; the first start builds Next.js)…`);
  const started = Date.now();
  const ready = await waitUntil(
    async () => {
      if (exited) return true;
      const r = await httpGet(`${baseUrl}/api/health`, opts.probeHost).catch(() => null);
      return r?.status === 200;
    },
    opts.startTimeoutMs ?? 300_000,
    500,
  );
  if (exited || !ready) {
    await stop();
    throw new Error(`the platform did not become healthy${exited ? ' (start.ts exited)' : ''}; last lines of ${logFile}:\n${tail(logFile)}`);
  }
  say(`platform healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    baseUrl,
    ownerUrl: `postgres://postgres:postgres@127.0.0.1:${opts.pgPort}/community_deals`,
    rpcUrl: `http://127.0.0.1:${opts.anvilPort}`,
    logFile,
    stop,
  };
}

/**
 * Points this process's own server code (services, withTenant, the chain clients) at a platform it
 * started: that platform's database as owner, its chain and its secrets, nothing inherited.
 */
export function useStartedPlatform(platform: Platform, dataDir: string): void {
  for (const k of ['JWT_KEYS', 'DATA_ENCRYPTION_KEY', 'APP_DATABASE_URL', 'REDIS_URL'] as const) delete process.env[k];
  loadLocalSecrets(dataDir);
  Object.assign(process.env, { DATABASE_URL: platform.ownerUrl, RPC_URL: platform.rpcUrl, DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  resetConfigCache();
}

/** Signs each account in over the API, four at a time (argon2 verification runs on libuv's four threads); their bearer tokens in order. */
export async function signInAll(baseUrl: string, host: string, emails: string[], password: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < emails.length; i += 4)
    tokens.push(
      ...(await Promise.all(
        emails.slice(i, i + 4).map(async (email) => {
          const r = await httpPostJson(`${baseUrl}/api/auth/login`, host, { email, password });
          if (r.status !== 200) throw new Error(`login of ${email} answered ${r.status}: ${r.body}`);
          return (JSON.parse(r.body) as { token: string }).token;
        }),
      )),
    );
  return tokens;
}

/** A benchmark's dataset must be exactly the one it describes, so each run starts from an empty data folder (only ever one under ./data). */
export function wipeDataDir(dataDir: string, say?: (m: string) => void): string {
  const dir = path.resolve(dataDir);
  const root = path.resolve('data');
  if (!dir.startsWith(root + path.sep) || dir === root) throw new Error(`refusing to wipe ${dir}: not inside ${root}`);
  if (existsSync(dir)) {
    say?.(`wiping ${dataDir} (the run creates its own data)`);
    rmSync(dir, { recursive: true, force: true });
  }
  return dir;
}

/** On Ctrl-C or a kill, the benchmark still stops what it started. */
export function cleanUpOnSignal(cleanup: () => Promise<void>, say: (m: string) => void): void {
  for (const s of ['SIGINT', 'SIGTERM'] as const)
    process.on(s, () => {
      say(`${s}: cleaning up`);
      void cleanup().then(() => process.exit(130));
    });
}
