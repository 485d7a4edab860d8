// Lending positions benchmark (issue 19): GET /api/lending/positions for signed-in members (their
// linked wallets, then their indexed positions across the tenant's pools, in one withTenant()
// transaction under FORCED RLS) beside the empty Next.js route handler measured in the same run.
// Goal: >= 70% of the empty route.
// Run: npx tsx bench/lending.ts   (about 3 minutes; add --no-write to leave BENCHMARKS.md alone)
// It wipes and uses its own DATA_DIR (./data/bench-lending) and ports, starts the platform
// (scripts/start.ts) with ENABLE_BENCH_ROUTES=1, and stops everything it started, also on error.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadLocalSecrets } from '../scripts/local-secrets';
import { resetConfigCache } from '../src/server/config';
import { closePools } from '../src/server/db/pool';
import { addUser, createTenant } from '../src/server/platform/tenants';
import { ownerClient } from './lib/deals-data';
import { warmLoad, type DealsLoadResult } from './lib/deals-load';
import { httpGet, httpPostJson } from './lib/http';
import { assertPortsFree, startPlatform, type Platform } from './lib/platform';
import { int, ratio, table, writeSection } from './lib/report';

const COMMAND = 'npx tsx bench/lending.ts';
const SECTION = '## Lending positions endpoint (issue 19)';
const ABOVE = '## Notification fan-out (issue 16)';
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_LENDING_PORT', 3947), pg: env('BENCH_LENDING_PG_PORT', 54369), anvil: env('BENCH_LENDING_ANVIL_PORT', 8585) };
const DATA_DIR = './data/bench-lending';
const SLUG = 'lendbench';
const HOST = `${SLUG}.localhost`;
const PASSWORD = 'Quiet-Harbor-Ledger-2026';
const MEMBERS = 20;
const WALLETS = 2;
const POOLS = 5;
const SECONDS = 10;
const CONNECTIONS = env('BENCH_LENDING_CONNECTIONS', 50);
const PATH = '/api/lending/positions';

const say = (m: string) => console.log(`[bench:lending] ${m}`);
let platform: Platform | null = null;
let owner: pg.Client | null = null;

async function cleanup(): Promise<void> {
  await owner?.end().catch(() => {});
  owner = null;
  await closePools().catch(() => {});
  await platform?.stop();
  platform = null;
}
for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.on(s, () => {
    say(`${s}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });

function wipeDataDir(): string {
  const dir = path.resolve(DATA_DIR);
  const root = path.resolve('data');
  if (!dir.startsWith(root + path.sep) || dir === root) throw new Error(`refusing to wipe ${dir}: not inside ${root}`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  return dir;
}

const hex = (bytes: number) => `0x${randomBytes(bytes).toString('hex')}`;

/** The lending feature, POOLS active pools, and per member WALLETS linked wallets each with a position in every pool (as the indexer leaves them). */
async function seedLending(c: pg.Client, tenantId: string, userIds: string[]): Promise<number> {
  await c.query('begin');
  await c.query(`insert into tenant_features (tenant_id, feature, enabled) values ($1, 'lending', true)`, [tenantId]);
  const pools: string[] = [];
  for (let i = 0; i < POOLS; i++) {
    const r = await c.query<{ id: string }>(
      `insert into lending_pools (tenant_id, id, chain_id, name, asset_token, asset_decimals, base_rate, slope1, slope2, optimal_utilisation, reserve_factor_bps, close_factor_bps, status, pool_address)
       values ($1, gen_random_uuid(), 31337, $2, $3, 6, 20000000000000000, 100000000000000000, 3000000000000000000, 800000000000000000, 1000, 5000, 'active', $4) returning id`,
      [tenantId, `Bench market ${i + 1}`, hex(20), hex(20)],
    );
    pools.push(r.rows[0]!.id);
  }
  let positions = 0;
  for (const user of userIds) {
    for (let w = 0; w < WALLETS; w++) {
      const wallet = hex(20);
      await c.query(`insert into wallet_links (tenant_id, user_id, address, chain_id) values ($1, $2, $3, 31337)`, [tenantId, user, wallet]);
      for (const pool of pools) {
        await c.query(
          `insert into user_lending_positions (tenant_id, pool_id, wallet_address, scaled_supply, scaled_debt, collateral, updated_block, updated_at)
           values ($1, $2, $3, 1234567890123, 98765432109, $4, 1000, now())`,
          [tenantId, pool, wallet, JSON.stringify({ [hex(20)]: '1000000000000000000' })],
        );
        positions++;
      }
    }
  }
  await c.query('commit');
  return positions;
}

type Results = { empty: DealsLoadResult; positions: DealsLoadResult; perMember: number; load: number; loadAfter: number; elapsed: number };

async function main(): Promise<void> {
  const started = Date.now();
  const loadAvg = os.loadavg()[0]!;
  await assertPortsFree([PORTS.web, PORTS.pg, PORTS.anvil]);
  const dataDir = wipeDataDir();
  process.env.ENABLE_BENCH_ROUTES = '1';
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: 'alpha.localhost' }, say);
  const web = platform.baseUrl;
  for (const k of ['JWT_KEYS', 'DATA_ENCRYPTION_KEY', 'APP_DATABASE_URL', 'REDIS_URL'] as const) delete process.env[k];
  loadLocalSecrets(dataDir);
  Object.assign(process.env, { DATABASE_URL: platform.ownerUrl, RPC_URL: platform.rpcUrl, DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn' });
  resetConfigCache();

  say(`creating tenant ${SLUG} with ${MEMBERS} members, ${WALLETS} wallets each and positions in ${POOLS} pools…`);
  const tenantId = (
    await createTenant(
      { adminId: null },
      { name: 'Lending Benchmark', slug: SLUG, settings: { rateLimits: { public: 1_000_000, authenticated: 1_000_000, admin: 1_000_000 } }, admin: { email: 'admin@lendbench.example', password: PASSWORD, firstName: 'Bench', lastName: 'Admin' } },
    )
  ).id;
  const emails = Array.from({ length: MEMBERS }, (_, i) => `member${i + 1}@lendbench.example`);
  const userIds: string[] = [];
  for (const email of emails) userIds.push(await addUser(tenantId, { email, password: PASSWORD, firstName: 'Bench', lastName: 'Member', roles: ['investor'] }));
  await closePools();
  owner = await ownerClient(platform.ownerUrl);
  await seedLending(owner, tenantId, userIds);
  await owner.query('analyze');

  const tokens: string[] = [];
  for (const email of emails) {
    const r = await httpPostJson(`${web}/api/auth/login`, HOST, { email, password: PASSWORD });
    if (r.status !== 200) throw new Error(`login of ${email} answered ${r.status}: ${r.body}`);
    tokens.push((JSON.parse(r.body) as { token: string }).token);
  }
  const check = await httpGet(`${web}${PATH}`, HOST, { authorization: `Bearer ${tokens[0]}` });
  if (check.status !== 200) throw new Error(`GET ${PATH} answered ${check.status}: ${check.body}`);
  const perMember = (JSON.parse(check.body) as { positions: unknown[] }).positions.length;
  if (perMember !== WALLETS * POOLS) throw new Error(`expected ${WALLETS * POOLS} positions, got ${perMember}`);

  const run = (label: string, url: string, t?: string[]) => {
    say(`${label}: ${CONNECTIONS} connections, ${SECONDS} s (after 2 s warm-up)…`);
    return warmLoad({ url, host: HOST, connections: CONNECTIONS, seconds: SECONDS, tokens: t });
  };
  const empty = await run('GET /api/bench/empty via next start', `${web}/api/bench/empty`);
  const positions = await run(`GET ${PATH} via next start, signed in`, `${web}${PATH}`, tokens);

  const results: Results = { empty, positions, perMember, load: loadAvg, loadAfter: os.loadavg()[0]!, elapsed: (Date.now() - started) / 1000 };
  const body = render(results);
  console.log(`\n${SECTION}\n\n${body}\n`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'lending-results.json'), JSON.stringify(results, null, 2));
  if (!process.argv.includes('--no-write')) writeSection(path.resolve('bench/BENCHMARKS.md'), SECTION, body, ABOVE);
  await cleanup();
}

function render(r: Results): string {
  const p = (x: DealsLoadResult, k: 'p50' | 'p99') => `${Math.round(x[k])} ms`;
  const goal = r.positions.rps / r.empty.rps;
  return [
    `Command: \`${COMMAND}\` (about 3 minutes; \`--no-write\` leaves this file alone; raw figures in \`${DATA_DIR}/lending-results.json\`).`,
    `Load average ${r.load.toFixed(2)} before the run, ${r.loadAfter.toFixed(2)} after (2 cores, shared with other helpers' work: absolute figures move between runs, the ratio much less); ${Math.round(r.elapsed)} s in all.`,
    '',
    `Data: one tenant with the \`lending\` feature on, ${POOLS} active pools, ${MEMBERS} members with ${WALLETS} linked wallets each and an indexed position (\`user_lending_positions\`) per wallet and pool: ${r.perMember} positions per answer.`,
    `\`GET ${PATH}\`, ${CONNECTIONS} connections, ${SECONDS} s after a 2 s warm-up, one bearer token per connection (round-robin). Ceiling: \`GET /api/bench/empty\` in the same run.`,
    '',
    table(
      ['what', 'req/s', 'p50', 'p99', 'of the empty route'],
      [
        ['GET /api/bench/empty, next start', int(r.empty.rps), p(r.empty, 'p50'), p(r.empty, 'p99'), '100%'],
        [`**GET ${PATH}, signed in**`, `**${int(r.positions.rps)}**`, p(r.positions, 'p50'), p(r.positions, 'p99'), `**${ratio(r.positions.rps, r.empty.rps)}**`],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Goal >= 70% of the empty route: ${goal >= 0.7 ? 'met' : 'not met'} (${ratio(r.positions.rps, r.empty.rps)}). The endpoint reads the indexer's mirror, not the chain (the pool page reads balances, debts and health from the contract): one statement joining the member's linked wallets to \`user_lending_positions\` through the index on \`(tenant_id, wallet_address)\` (migration 0135).`,
  ].join('\n');
}

main().catch(async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
