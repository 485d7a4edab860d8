// The set-up the deals and groups benchmarks share: a wiped DATA_DIR of their own, the platform
// started on their ports with the bench routes on, this process pointed at the same database
// (owner URL, the platform's secrets), the benchmark tenant with budgets no limiter reaches,
// and the catalogue's investors signed in.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadLocalSecrets } from '../../scripts/local-secrets';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { createTenant, tenantIdBySlug } from '../../src/server/platform/tenants';
import { httpPostJson } from './http';
import { assertPortsFree, startPlatform, type Platform } from './platform';

type Say = (m: string) => void;

/** The benchmark's dataset must be exactly the one described, so every run starts from an empty DATA_DIR. */
export function wipeBenchDataDir(dataDir: string, say: Say): string {
  const dir = path.resolve(dataDir);
  const root = path.resolve('data');
  if (!dir.startsWith(root + path.sep) || dir === root) throw new Error(`refusing to wipe ${dir}: not inside ${root}`);
  if (existsSync(dir)) {
    say(`wiping ${dataDir} (the run creates its own data)`);
    rmSync(dir, { recursive: true, force: true });
  }
  return dir;
}

export type BenchPorts = { web: number; pg: number; anvil: number };

/**
 * Wipes `dataDir`, starts the platform (scripts/start.ts) with ENABLE_BENCH_ROUTES=1 on `ports`,
 * and points this process at its database as the owner with its secrets. `extraPorts` must be
 * free too (servers the benchmark starts itself).
 */
export async function startBenchPlatform(opts: { ports: BenchPorts; extraPorts?: number[]; dataDir: string; say: Say }): Promise<{ platform: Platform; dataDir: string }> {
  await assertPortsFree([opts.ports.web, ...(opts.extraPorts ?? []), opts.ports.pg, opts.ports.anvil]);
  const dataDir = wipeBenchDataDir(opts.dataDir, opts.say);
  process.env.ENABLE_BENCH_ROUTES = '1';
  const platform = await startPlatform({ port: opts.ports.web, pgPort: opts.ports.pg, anvilPort: opts.ports.anvil, dataDir: opts.dataDir, probeHost: 'alpha.localhost' }, opts.say);
  for (const k of ['JWT_KEYS', 'DATA_ENCRYPTION_KEY', 'APP_DATABASE_URL', 'REDIS_URL'] as const) delete process.env[k];
  loadLocalSecrets(dataDir);
  Object.assign(process.env, { DATABASE_URL: platform.ownerUrl, RPC_URL: platform.rpcUrl, DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  resetConfigCache();
  return { platform, dataDir };
}

/** The benchmark's tenant (created once), with request budgets of 1,000,000/min; closes the app pools after. */
export async function benchDealsTenant(t: { slug: string; name: string; adminEmail: string; password: string }): Promise<string> {
  const id =
    (await tenantIdBySlug(t.slug)) ??
    (
      await createTenant(
        { adminId: null },
        {
          name: t.name,
          slug: t.slug,
          settings: { rateLimits: { public: 1_000_000, authenticated: 1_000_000, admin: 1_000_000 } },
          admin: { email: t.adminEmail, password: t.password, firstName: 'Bench', lastName: 'Admin' },
        },
      )
    ).id;
  await closePools();
  return id;
}

/** Bearer tokens for `emails`, in order; four logins at a time (argon2 verification runs on libuv's four threads). */
export async function signInAll(baseUrl: string, host: string, emails: string[], password: string): Promise<string[]> {
  const tokens: string[] = new Array(emails.length);
  for (let i = 0; i < emails.length; i += 4)
    await Promise.all(
      emails.slice(i, i + 4).map(async (email, k) => {
        const r = await httpPostJson(`${baseUrl}/api/auth/login`, host, { email, password });
        if (r.status !== 200) throw new Error(`login of ${email} answered ${r.status}: ${r.body}`);
        tokens[i + k] = (JSON.parse(r.body) as { token: string }).token;
      }),
    );
  return tokens;
}

/** SIGINT/SIGTERM run `cleanup` before exiting, so no platform or server is left behind. */
export function cleanUpOnSignals(cleanup: () => Promise<void>, say: Say): void {
  for (const s of ['SIGINT', 'SIGTERM'] as const)
    process.on(s, () => {
      say(`${s}: cleaning up`);
      void cleanup().then(() => process.exit(130));
    });
}
