// Foundation benchmarks (issue 3), every figure beside a ceiling measured in the same run:
//   (a) GET /api/health and an authenticated GET /api/profile through `next start`, beside a bare
//       node:http server (bench/lib/bare-server.ts) calling the same server functions
//   (b) the same SQL with and without the tenant context (set_config + RLS), sequential and concurrent
//   (c) login throughput with the argon2id parameters, beside raw verifyPassword in-process
// Run: npx tsx bench/foundation.ts   (about 3 minutes; add --no-write to leave BENCHMARKS.md alone)
// It starts its own platform (scripts/start.ts) on ports and a DATA_DIR of its own and stops it at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadLocalSecrets } from '../scripts/local-secrets';
import { ARGON2_PARAMS } from '../src/server/auth/password';
import { getConfig, resetConfigCache } from '../src/server/config';
import { closePools } from '../src/server/db/pool';
import { appDatabaseUrl } from '../src/server/db/urls';
import { prepareVerify, verifyRate, type VerifyRate } from './lib/argon';
import { BENCH_PASSWORD, BENCH_SLUG, LOGIN_ACCOUNTS, PROFILE_USER, ensureBenchTenant, loginUser } from './lib/bench-tenant';
import { httpGet, httpPostJson } from './lib/http';
import { warmAndRun, type LoadResult } from './lib/load';
import { assertPortsFree, startPlatform, stopGroup, type Platform } from './lib/platform';
import { int, ms, overhead, ratio, table, writeSection } from './lib/report';
import { measureTenantContext, VARIANTS, type QueryName, type TenantContextResult } from './lib/tenant-context';

const COMMAND = 'npx tsx bench/foundation.ts';
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_PORT', 3917), bare: env('BENCH_BARE_PORT', 3918), pg: env('BENCH_PG_PORT', 54339), anvil: env('BENCH_ANVIL_PORT', 8555) };
const DATA_DIR = process.env.BENCH_DATA_DIR ?? './data/bench';
const SECONDS = 10;
const CONNECTIONS = 50;
const LOGIN_CONNECTIONS = 8;
const HOST = `${BENCH_SLUG}.localhost`;

const say = (m: string) => console.log(`[bench] ${m}`);
const cores = os.availableParallelism();

let platform: Platform | null = null;
let bare: ChildProcess | null = null;
let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await closePools().catch(() => {});
    if (bare) await stopGroup(bare, 5_000);
    await platform?.stop();
  })();
  return cleaning;
}
for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.on(s, () => {
    say(`${s}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });

async function startBare(): Promise<ChildProcess> {
  await assertPortsFree([PORTS.bare]);
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/lib/bare-server.ts')], {
    env: { ...process.env, BARE_PORT: String(PORTS.bare), DB_POOL_MAX: '20', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await httpGet(`http://127.0.0.1:${PORTS.bare}/api/health`, HOST).catch(() => null);
    if (r?.status === 200) return child;
    if (child.exitCode !== null) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  await stopGroup(child, 2_000);
  throw new Error('the bare server did not answer /api/health with 200');
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const r = await httpPostJson(`${baseUrl}/api/auth/login`, HOST, { email, password: BENCH_PASSWORD });
  if (r.status !== 200) throw new Error(`login of ${email} answered ${r.status}: ${r.body}`);
  return (JSON.parse(r.body) as { token: string }).token;
}

type HttpRow = { label: string; server: 'next start' | 'bare node:http'; r: LoadResult; ceiling: LoadResult };

async function main(): Promise<void> {
  const started = Date.now();
  const load = os.loadavg()[0]!;
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: 'alpha.localhost' }, say);

  // This process and the bare server talk to the very database, chain and keys the platform uses.
  const dataDir = path.resolve(DATA_DIR);
  for (const k of ['JWT_KEYS', 'DATA_ENCRYPTION_KEY', 'APP_DATABASE_URL', 'REDIS_URL'] as const) delete process.env[k];
  loadLocalSecrets(dataDir);
  Object.assign(process.env, { DATABASE_URL: platform.ownerUrl, RPC_URL: platform.rpcUrl, DATA_DIR: dataDir, DB_POOL_MAX: String(CONNECTIONS), NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  resetConfigCache();

  const tenant = await ensureBenchTenant(say);
  const web = platform.baseUrl;

  // (b) tenant context
  const tc = await measureTenantContext({
    ownerUrl: platform.ownerUrl,
    appUrl: appDatabaseUrl(getConfig()),
    ctx: { tenantId: tenant.id, userId: tenant.profileUserId },
    iterations: 2000,
    workers: CONNECTIONS,
    concurrentMs: 2000,
    say,
  });
  await closePools();

  // (c) raw argon2id verification: the login ceiling, one at a time here and 8 in flight right
  // before each login run below (the machine is shared, so the ceiling is taken beside each run)
  const hash = await prepareVerify(BENCH_PASSWORD);
  say('argon2id: raw verifyPassword, 1 in flight, 3 s…');
  const single = await verifyRate(hash, BENCH_PASSWORD, 1, 3000);

  // (a) HTTP: next start vs the bare server, same functions
  bare = await startBare();
  const bareUrl = `http://127.0.0.1:${PORTS.bare}`;
  const token = await signIn(web, PROFILE_USER);
  const auth = { authorization: `Bearer ${token}` };
  const run = (label: string, url: string, extra: Partial<Parameters<typeof warmAndRun>[0]> = {}) => {
    say(`${label}: ${CONNECTIONS} connections, ${SECONDS} s (after 2 s warm-up)…`);
    return warmAndRun({ url, host: HOST, connections: CONNECTIONS, seconds: SECONDS, ...extra });
  };
  const healthNext = await run('GET /api/health via next start', `${web}/api/health`);
  const healthBare = await run('GET /api/health via bare node:http', `${bareUrl}/api/health`);
  const profileNext = await run('GET /api/profile via next start', `${web}/api/profile`, { headers: auth });
  const profileBare = await run('GET /api/profile via bare node:http', `${bareUrl}/api/profile`, { headers: auth });
  const profileBareRl = await run('GET /api/profile via bare node:http + request budget', `${bareUrl}/api/profile?limit=1`, { headers: auth });

  const loginBodies = Array.from({ length: LOGIN_ACCOUNTS }, (_, i) => ({ email: loginUser(i + 1), password: BENCH_PASSWORD }));
  const loginRun = (label: string, url: string) => {
    say(`${label}: ${LOGIN_CONNECTIONS} connections, ${SECONDS} s (after 2 s warm-up)…`);
    return warmAndRun({ url, host: HOST, connections: LOGIN_CONNECTIONS, seconds: SECONDS, method: 'POST', bodies: loginBodies });
  };
  const rawRun = () => {
    say(`argon2id: raw verifyPassword, ${LOGIN_CONNECTIONS} in flight, 5 s…`);
    return verifyRate(hash, BENCH_PASSWORD, LOGIN_CONNECTIONS, 5000);
  };
  const rawBeforeNext = await rawRun();
  const loginNext = await loginRun('POST /api/auth/login via next start', `${web}/api/auth/login`);
  const rawBeforeBare = await rawRun();
  const loginBare = await loginRun('POST /api/auth/login via bare node:http', `${bareUrl}/api/auth/login`);
  const argon = { single, rawBeforeNext, rawBeforeBare };

  await cleanup();
  const elapsed = (Date.now() - started) / 1000;

  const httpRows: HttpRow[] = [
    { label: 'GET /api/health', server: 'next start', r: healthNext, ceiling: healthBare },
    { label: 'GET /api/health', server: 'bare node:http', r: healthBare, ceiling: healthBare },
    { label: 'GET /api/profile (Bearer)', server: 'next start', r: profileNext, ceiling: profileBare },
    { label: 'GET /api/profile (Bearer)', server: 'bare node:http', r: profileBare, ceiling: profileBare },
  ];
  const section = render({ httpRows, profileBareRl, profileNext, tc, argon, loginNext, loginBare, elapsed, load });
  console.log(`\n${section}\n`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'foundation-results.json'), JSON.stringify({ httpRows, profileBareRl, tc, argon, loginNext, loginBare }, null, 2));
  if (!process.argv.includes('--no-write')) {
    writeSection(path.resolve('bench/BENCHMARKS.md'), '## Foundation (issue 3)', section, '## Contracts');
    say('wrote the "Foundation (issue 3)" section of bench/BENCHMARKS.md');
  }
}

function render(x: {
  httpRows: HttpRow[];
  profileBareRl: LoadResult;
  profileNext: LoadResult;
  tc: TenantContextResult;
  argon: { single: VerifyRate; rawBeforeNext: VerifyRate; rawBeforeBare: VerifyRate };
  load: number;
  loginNext: LoadResult;
  loginBare: LoadResult;
  elapsed: number;
}): string {
  const next = createRequire(import.meta.url)('next/package.json') as { version: string };
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const commit = process.env.BENCH_COMMIT ?? spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout?.trim();
  const out: string[] = [];
  out.push(
    `Measured ${new Date().toISOString().slice(0, 10)}${commit ? ` at commit ${commit}` : ''} on this machine (${cores} cores, ${cpu}), Node ${process.version}, Next.js ${next.version} (\`next start\`),`,
    `embedded PostgreSQL 17 and anvil started by the bench itself (\`scripts/start.ts\` on its own ports and \`${DATA_DIR}\`); whole run ${Math.round(x.elapsed)} s;`,
    `1-minute load average before the run ${x.load.toFixed(2)} (the machine is shared: absolute figures move between runs, the ratios much less).`,
    'Load from autocannon 8 in the bench process to 127.0.0.1; every HTTP figure after a 2 s warm-up, all responses 2xx',
    '(the run aborts otherwise). Requests go to a bench tenant (`bench.localhost`) whose per-minute budgets are 1,000,000.',
    '',
    `Command: \`${COMMAND}\``,
    '',
    `### (a) HTTP: \`next start\` beside a bare \`node:http\` server, ${CONNECTIONS} connections, ${SECONDS} s`,
    '',
    'The ceiling is `bench/lib/bare-server.ts` in its own process, calling the same server functions the route handlers',
    'call: `checkHealth()` (select 1 on the app pool, eth_blockNumber to the same anvil, the pending-mail query, the storage',
    'check) and `resolveTenant()` + `authenticate()` + `getProfile()` (JWT verified with jose, then two `withTenant` transactions).',
    '',
    table(
      ['endpoint', 'server', 'req/s', 'p50', 'p99', 'of ceiling (req/s)'],
      x.httpRows.map((h) => [h.label, h.server, int(h.r.rps), `${h.r.p50} ms`, `${h.r.p99} ms`, h.r === h.ceiling ? '100% (ceiling)' : `**${ratio(h.r.rps, h.ceiling.rps)}**`]),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `The route wrapper also spends one point of the tenant's per-user request budget on every authenticated request`,
    `(counted in memory per instance and added to \`rate_limits\` every 250 ms, src/server/ratelimit/request-budget.ts). The bare server with that call added:`,
    `${int(x.profileBareRl.rps)} req/s, p99 ${x.profileBareRl.p99} ms; \`next start\` reaches **${ratio(x.profileNext.rps, x.profileBareRl.rps)}** of that.`,
    '',
    `### (b) Tenant context: the same SQL with and without \`withTenant()\``,
    '',
    '- without: owner role (superuser, RLS not applied), `begin; <query with explicit where tenant_id = $1>; commit`',
    "- with: app role (FORCED RLS), the statements `withTenant()` sends: `begin; select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true); <same query>; commit`",
    '- with, 1 rt: app role, the set_config sent in the same simple-query message as `begin`: the role and the RLS predicate without the extra round trip',
    "- withTenant(): the app's own function through Kysely and its app pool (profile: the real `findProfile` repo call), for reference",
    '',
    'Raw `pg` 8, one transaction per iteration, connections opened beforehand. Sequential: 2,000 transactions per variant on one',
    `connection at a time, variants interleaved in 5 rounds. Concurrent: ${CONNECTIONS} in flight for 2 s per variant in 4 interleaved rounds (pools of ${CONNECTIONS}).`,
    'Overhead is the mean latency against "without"; goal < 15%.',
    '',
  );
  for (const q of Object.keys(x.tc) as QueryName[]) {
    const { sequential: s, concurrent: c } = x.tc[q];
    out.push(
      `**${q}** (${q === 'profile by id' ? '`select * from profiles where tenant_id = $1 and user_id = $2`' : '`select id, email, first_name, last_name, status, created_at from users where tenant_id = $1 order by id limit 50`'})`,
      '',
      table(
        ['variant', 'sequential mean', 'sequential p99', 'overhead', `${CONNECTIONS} concurrent tx/s`, 'concurrent mean', 'overhead'],
        VARIANTS.map((v) => [
          v,
          ms(s[v].meanMs, 3),
          ms(s[v].p99Ms, 3),
          v === 'without' ? 'baseline' : `**${overhead(s[v].meanMs, s.without.meanMs)}**`,
          int(c[v].perSecond),
          ms(c[v].meanMs),
          v === 'without' ? 'baseline' : `**${overhead(c[v].meanMs, c.without.meanMs)}**`,
        ]),
      ),
      '',
    );
  }
  const a = x.argon;
  out.push(
    `### (c) Login throughput, argon2id m=${ARGON2_PARAMS.memoryCost} KiB, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism} (\`ARGON2_PARAMS\`)`,
    '',
    `Ceiling: \`verifyPassword()\` in the bench process (no HTTP, no database), ${LOGIN_CONNECTIONS} in flight for 5 s, measured right before each`,
    `server run and compared with that run. Server: \`POST /api/auth/login\` with the right password every time (no failure is counted, so`,
    `no throttle applies), ${LOGIN_CONNECTIONS} connections, ${SECONDS} s. "Per core" divides by the machine's ${cores} cores, which the server shares with`,
    'PostgreSQL and autocannon. @node-rs/argon2 verifies on libuv\'s thread pool (4 threads by default).',
    '',
    table(
      ['what', 'logins/s', 'logins/s/core', 'p99', 'of ceiling'],
      [
        ['raw verifyPassword, 1 in flight (one core)', int(a.single.perSecond), int(a.single.perSecond), '', ''],
        [`raw verifyPassword, ${LOGIN_CONNECTIONS} in flight (ceiling for the next row)`, int(a.rawBeforeNext.perSecond), int(a.rawBeforeNext.perSecond / cores), '', '100%'],
        ['POST /api/auth/login via next start', int(x.loginNext.rps), int(x.loginNext.rps / cores), `${x.loginNext.p99} ms`, `**${ratio(x.loginNext.rps, a.rawBeforeNext.perSecond)}**`],
        [`raw verifyPassword, ${LOGIN_CONNECTIONS} in flight (ceiling for the next row)`, int(a.rawBeforeBare.perSecond), int(a.rawBeforeBare.perSecond / cores), '', '100%'],
        ['POST /api/auth/login via bare node:http', int(x.loginBare.rps), int(x.loginBare.rps / cores), `${x.loginBare.p99} ms`, `**${ratio(x.loginBare.rps, a.rawBeforeBare.perSecond)}**`],
      ],
    ),
    '',
    `\`next start\` against the bare server doing the same login: **${ratio(x.loginNext.rps, x.loginBare.rps)}**.`,
  );
  return out.join('\n');
}

main().catch(async (e: unknown) => {
  console.error(`[bench] failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  const extra = (e as { extra?: unknown }).extra;
  if (extra) console.error(JSON.stringify(extra));
  await cleanup();
  process.exit(1);
});
