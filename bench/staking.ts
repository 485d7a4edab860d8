// Staking positions benchmark (issue 19): GET /api/staking/pools/{id}, the route that answers a
// member's stakes and pending rewards (read from the pool contract at the latest block, beside the
// pool's state, the caller's eligibility and indexed history), signed in as members who each hold a
// position, beside the empty Next.js route handler measured in the same run. Goal: >= 70% of it.
// Also, for reading the figure: GET /api/staking/pools (every pool with its on-chain state).
// Run: npx tsx bench/staking.ts   (about 3 minutes plus the first build; --no-write leaves BENCHMARKS.md alone)
// It wipes and uses its own DATA_DIR (./data/bench-staking) and ports, starts the platform
// (scripts/start.ts) with ENABLE_BENCH_ROUTES=1 on the demo seed, and stops what it started, also on error.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicClient, createTestClient, createWalletClient, erc20Abi, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { stakingPoolAbi } from '../contracts/abi/StakingPool';
import { testStablecoinAbi } from '../contracts/abi/TestStablecoin';
import { requireDeployments } from '../src/server/chain/network';
import { closePools } from '../src/server/db/pool';
import { withTenant } from '../src/server/db/tenant';
import { addUser, tenantIdBySlug } from '../src/server/platform/tenants';
import { recordWalletLink } from '../src/server/wallets/service';
import { warmLoad, type DealsLoadResult } from './lib/deals-load';
import { httpGet, httpRequest } from './lib/http';
import { assertPortsFree, cleanUpOnSignal, type Platform, signInAll, startPlatform, useStartedPlatform, wipeDataDir } from './lib/platform';
import { int, ratio, table, writeSection } from './lib/report';
import { raiseTenantBudget } from './lib/tenant-budget';

const COMMAND = 'npx tsx bench/staking.ts';
const SECTION = '## Staking positions endpoint (issue 19)';
const ABOVE = '## Lending pool gas (issue 19, part 2)';
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_STAKING_PORT', 3947), pg: env('BENCH_STAKING_PG_PORT', 54369), anvil: env('BENCH_STAKING_ANVIL_PORT', 8585) };
const DATA_DIR = './data/bench-staking';
const SLUG = 'alpha';
const HOST = `${SLUG}.localhost`;
const DEMO_PASSWORD = 'Demo-Invest-2026';
const ADMIN = 'admin@alpha.example';
const STAKERS = 20;
const SECONDS = 10;
const CONNECTIONS = env('BENCH_STAKING_CONNECTIONS', 50);
const USDC = 1_000_000n;
const DAY = 86_400;
const stakerEmail = (n: number) => `staker${String(n).padStart(2, '0')}@alpha.example`;

const say = (m: string) => console.log(`[bench:staking] ${m}`);
let platform: Platform | null = null;

async function cleanup(): Promise<void> {
  await closePools().catch(() => {});
  await platform?.stop();
  platform = null;
}
cleanUpOnSignal(cleanup, say);

async function apiJson(method: 'GET' | 'POST' | 'PATCH', url: string, token: string, body?: unknown): Promise<any> {
  const r = await httpRequest(url, HOST, { method, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (r.status >= 300) throw new Error(`${method} ${url} answered ${r.status}: ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body);
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Results = { empty: DealsLoadResult; positions: DealsLoadResult; list: DealsLoadResult; stakers: number; checked: { wallet: string; earned: string }; load: number; loadAfter: number; elapsed: number };

async function main(): Promise<void> {
  const started = Date.now();
  const loadAvg = os.loadavg()[0]!;
  await assertPortsFree([PORTS.web, PORTS.pg, PORTS.anvil]);
  const dataDir = wipeDataDir(DATA_DIR);
  process.env.ENABLE_BENCH_ROUTES = '1';
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: HOST }, say);
  const web = platform.baseUrl;
  useStartedPlatform(platform, dataDir);
  const budgetTaken = await raiseTenantBudget(platform.ownerUrl, SLUG);

  const publicClient = createPublicClient({ chain: foundry, transport: http(platform.rpcUrl) });
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport: http(platform.rpcUrl) });
  // TestStablecoin mints to anyone; anvil's sixth dev account sends the mints, so they never race the platform's own keys for a nonce.
  const deployer = ((await testClient.request({ method: 'eth_accounts' as never })) as Address[])[5]!;
  const walletOf = (key: Hex) => createWalletClient({ chain: foundry, account: privateKeyToAccount(key), transport: http(platform!.rpcUrl) });
  const mined = async (hash: Hex) => {
    const r = await publicClient.waitForTransactionReceipt({ hash });
    if (r.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  };
  const mint = async (token: Address, to: Address, amount: bigint) =>
    mined(await createWalletClient({ chain: foundry, account: deployer, transport: http(platform!.rpcUrl) }).writeContract({ address: token, abi: testStablecoinAbi, functionName: 'mint', args: [to, amount] }));

  // The tenant admin turns staking on and opens a USDC pool; the platform creates it on chain.
  const [adminToken] = await signInAll(web, HOST, [ADMIN], DEMO_PASSWORD);
  await apiJson('PATCH', `${web}/api/admin/tenant`, adminToken!, { features: { staking: true } });
  const deal = await apiJson('GET', `${web}/api/deals/alpha-community-solar-usdc-escrow`, adminToken!);
  const chainId = (deal.deal ?? deal).chainId as number;
  const usdc = requireDeployments(chainId).paymentToken as Address;
  say('opening a pool and waiting for its creation on chain…');
  const created = await apiJson('POST', `${web}/api/admin/staking/pools`, adminToken!, { name: 'Bench USDC pool', chainId, stakingToken: usdc, rewardToken: usdc, rewardsDurationSeconds: 30 * DAY });
  const id = created.pool.id as string;
  const pool = await until('the pool to be active', async () => (await apiJson('GET', `${web}/api/staking/pools/${id}`, adminToken!)).pool.address as Address | null);
  const short = await httpRequest(`${web}/api/admin/staking/pools/${id}/fund`, HOST, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ amount: (30_000n * USDC).toString() }) });
  const operator = /0x[0-9a-fA-F]{40}/.exec(short.body)?.[0] as Address | undefined;
  if (short.status !== 409 || !operator) throw new Error(`funding before the operator holds tokens answered ${short.status}: ${short.body}`);
  await mint(usdc, operator, 30_000n * USDC);
  await apiJson('POST', `${web}/api/admin/staking/pools/${id}/fund`, adminToken!, { amount: (30_000n * USDC).toString() });
  await until('the rewards to be funded', async () => (await apiJson('GET', `${web}/api/staking/pools/${id}`, adminToken!)).pool.chain?.periodFinish);

  // Stakers: members with a linked wallet each, staking from it.
  say(`${STAKERS} members each link a wallet and stake…`);
  const tenantId = await tenantIdBySlug(SLUG);
  if (!tenantId) throw new Error(`no tenant ${SLUG}`);
  const emails = Array.from({ length: STAKERS }, (_, i) => stakerEmail(i + 1));
  const wallets: Address[] = [];
  for (let i = 0; i < STAKERS; i++) {
    const userId = await addUser(tenantId, { email: emails[i]!, password: DEMO_PASSWORD, firstName: 'Stake', lastName: `Bench${i + 1}`, roles: ['investor'] });
    const key = generatePrivateKey();
    const wallet = privateKeyToAccount(key).address;
    await testClient.setBalance({ address: wallet, value: 10n ** 20n });
    await mint(usdc, wallet, 1_000n * USDC);
    await withTenant(tenantId, null, (t) => recordWalletLink(t, userId, wallet, chainId));
    const w = walletOf(key);
    const amount = BigInt(100 + i * 7) * USDC + BigInt(i);
    await mined(await w.writeContract({ address: usdc, abi: erc20Abi, functionName: 'approve', args: [pool, amount] }));
    // Simulated first, so a refusal names the contract's error instead of a bare revert.
    const { request } = await publicClient.simulateContract({ account: w.account, address: pool, abi: stakingPoolAbi, functionName: 'stake', args: [amount] });
    await mined(await w.writeContract(request));
    wallets.push(wallet);
  }
  await testClient.increaseTime({ seconds: DAY });
  await testClient.mine({ blocks: 1 });
  const tokens = await signInAll(web, HOST, emails, DEMO_PASSWORD);
  await budgetTaken();

  // Before the load: the route answers the contract's figure to the unit.
  const view = await apiJson('GET', `${web}/api/staking/pools/${id}`, tokens[0]!);
  const onChain = await publicClient.readContract({ address: pool, abi: stakingPoolAbi, functionName: 'earned', args: [wallets[0]!] });
  const position = view.positions[0] as { wallet: string; earned: string } | undefined;
  if (!position || position.earned !== onChain.toString() || onChain === 0n) throw new Error(`positions answered ${JSON.stringify(view.positions)}, the contract ${onChain}`);
  const probe = await httpGet(`${web}/api/bench/empty`, HOST);
  if (probe.status !== 200) throw new Error(`GET /api/bench/empty answered ${probe.status}`);

  const run = (label: string, url: string, withTokens?: string[]) => {
    say(`${label}: ${CONNECTIONS} connections, ${SECONDS} s (after 2 s warm-up)…`);
    return warmLoad({ url, host: HOST, connections: CONNECTIONS, seconds: SECONDS, tokens: withTokens });
  };
  const empty = await run('GET /api/bench/empty via next start', `${web}/api/bench/empty`);
  const positions = await run('GET /api/staking/pools/{id} via next start, signed in as stakers', `${web}/api/staking/pools/${id}`, tokens);
  const list = await run('GET /api/staking/pools via next start, signed in as stakers', `${web}/api/staking/pools`, tokens);

  const results: Results = { empty, positions, list, stakers: STAKERS, checked: { wallet: position.wallet, earned: position.earned }, load: loadAvg, loadAfter: os.loadavg()[0]!, elapsed: (Date.now() - started) / 1000 };
  const body = render(results);
  console.log(`\n${SECTION}\n\n${body}\n`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'staking-results.json'), JSON.stringify(results, null, 2));
  if (!process.argv.includes('--no-write')) writeSection(path.resolve('bench/BENCHMARKS.md'), SECTION, body, ABOVE);
  await cleanup();
}

function render(r: Results): string {
  const p = (x: number) => `${Math.round(x)} ms`;
  const row = (what: string, x: DealsLoadResult, bold = false) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    return [b(what), b(int(x.rps)), p(x.p50), p(x.p99), b(ratio(x.rps, r.empty.rps))];
  };
  const goal = r.positions.rps / r.empty.rps;
  return [
    `Command: \`${COMMAND}\` (\`--no-write\` leaves this file alone; raw figures in \`${DATA_DIR}/staking-results.json\`).`,
    `Load average ${r.load.toFixed(2)} before the run, ${r.loadAfter.toFixed(2)} after (2 cores, shared with other helpers' builds and tests); ${Math.round(r.elapsed)} s in all.`,
    '',
    `Data: the demo seed's tenant alpha with staking on and one USDC pool (30 days, 30,000 USDC of rewards) created by the tenant factory on the local anvil;`,
    `${r.stakers} members each with one linked wallet that staked, a day of rewards accrued. Checked before the load: the route's \`earned\` for`,
    `${r.checked.wallet} equals the contract's \`earned()\` (${r.checked.earned} base units).`,
    '',
    `${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up, one staker's bearer token per connection (round-robin).`,
    "Ceiling: `GET /api/bench/empty`, the route handler that returns `{}` (the framework's floor), in the same run. Goal: the positions route >= 70% of it.",
    '',
    table(
      ['what', 'req/s', 'p50', 'p99', 'of the empty route'],
      [
        ['GET /api/bench/empty, next start', int(r.empty.rps), p(r.empty.p50), p(r.empty.p99), '100%'],
        row('GET /api/staking/pools/{id} (pool state, the caller’s positions and history)', r.positions, true),
        row('GET /api/staking/pools (every pool with its on-chain state)', r.list),
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Goal >= 70% of the empty route: ${goal >= 0.7 ? 'met' : 'not met'} (${ratio(r.positions.rps, r.empty.rps)}).`,
    '',
    'What a positions request costs: authenticate() and the per-user request budget (as every signed-in route), one tenant transaction',
    'of two statements (the pool row with the caller\'s linked wallets and their indexed history: `staking/repo.ts` poolPageOf; the',
    'facts of their effective verification level: `compliance/repo.ts` levelFactsOf; ten statements before), then the chain: one',
    '`eth_blockNumber` per request (concurrent requests share the call in flight), and the pool\'s and positions\' view calls pinned',
    'to that block, kept per block (`src/server/staking/chain-reads.ts`): nothing at a block changes, so the figures stay the',
    "contract's to the unit and move on with every new block, while the node is asked once per block instead of 4 + 3 per wallet per request.",
  ].join('\n');
}

main().catch(async (e) => {
  console.error(e);
  await cleanup();
  process.exit(1);
});
