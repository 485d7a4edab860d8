// The chain indexer's speed, as ratios measured in one run on one machine:
//  1. Catch-up: events written per second while the indexer ingests 10,000 escrow creations
//     (each binding a reservation, opening an escrow row and its deposit movement, in one
//     transaction per batch), against a bare loop that only fetches and decodes the same logs
//     (eth_getLogs over the same ranges + viem decodeEventLog) from the same anvil.
//  2. Live lag: a block with an escrow creation mined -> its investment row in_escrow, p50/p99,
//     at 1 confirmation while investors fund ~50 escrows a second.
// It wipes and uses its own DATA_DIR (./data/bench-indexer), embedded PostgreSQL port and anvil.
// Run: npm run bench:indexer (BENCH_LIVE=0: the catch-up only, printed, not recorded)
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPublicClient, createTestClient, createWalletClient, decodeEventLog, encodeFunctionData, http, numberToHex, parseEventLogs, type Abi, type Address, type Hex, type PublicClient } from 'viem';
import { foundry } from 'viem/chains';
import { openDatabase, type DatabaseHandle } from '../scripts/database';
import { escrowFactoryAbi } from '../contracts/abi/EscrowFactory';
import { tenantFactoryAbi } from '../contracts/abi/TenantFactory';
import { testStablecoinAbi } from '../contracts/abi/TestStablecoin';
import { tokenSaleAbi } from '../contracts/abi/TokenSale';
import { findFreePort, spawnAnvil, type AnvilProcess } from '../src/server/chain/anvil';
import { deployContract, deploySystem, receiptOf, tenantIdFromUuid } from '../src/server/chain/deploy';
import { ABI_OF, FOLLOWED_TOPICS } from '../src/server/chain/indexer/events';
import { startIndexer } from '../src/server/chain/indexer/runner';
import { syncChainOnce, type IndexedChain } from '../src/server/chain/indexer/sync';
import { localAccount } from '../src/server/chain/local-chain';
import { getConfig, parseConfig, resetConfigCache } from '../src/server/config';
import { migrate } from '../src/server/db/migrate';
import { closePools } from '../src/server/db/pool';
import { ownerDatabaseUrl } from '../src/server/db/urls';
import { createTenant } from '../src/server/platform/tenants';
import { assertPortsFree } from './lib/platform';
import { int, ms, ratio, table, writeSection } from './lib/report';

const DATA_DIR = path.resolve('./data/bench-indexer');
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54351);
const CATCH_UP = Number(process.env.BENCH_EVENTS ?? 10_000);
const PER_BLOCK = 100;
const LIVE = 1_000;
const LIVE_RATE = 50; // escrows funded per second
const POLL_MS = 50;
const CATCH_UP_TOKENS = 1_000_000n; // 1.00 USD in the 6-decimal token = 100 cents
const LIVE_TOKENS = 2_000_000n;
const INVESTORS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => localAccount(i));
const SECTION = '## Chain indexer (issue 14)';

const say = (m: string) => console.log(`[bench:indexer] ${m}`);
const pctl = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

let db: DatabaseHandle | null = null;
let anvil: AnvilProcess | null = null;

async function seed(owner: pg.Client, tenantId: string, sale: string, chainId: number) {
  await owner.query('begin');
  const issuerUser = await owner.query<{ id: string }>(`insert into users (tenant_id, id, email, password_hash, first_name, last_name) values ($1, gen_random_uuid(), 'issuer@indexer.bench', 'x', 'Issuer', 'Bench') returning id`, [tenantId]);
  const le = await owner.query<{ id: string }>(`insert into legal_entities (tenant_id, id, name, jurisdiction, registration_number, entity_type) values ($1, gen_random_uuid(), 'Bench Inc', 'US-DE', 'B-1', 'corporation') returning id`, [tenantId]);
  const issuer = await owner.query<{ id: string }>(`insert into issuers (tenant_id, id, user_id, legal_entity_id, status, reviewed_at) values ($1, gen_random_uuid(), $2, $3, 'verified', now()) returning id`, [tenantId, issuerUser.rows[0]!.id, le.rows[0]!.id]);
  const deal = await owner.query<{ id: string }>(
    `insert into deals (tenant_id, id, issuer_id, slug, title, summary, asset_type, status, currency, currency_decimals, target_amount, soft_cap, hard_cap, min_ticket, approved_at, chain_id, sale_address)
     values ($1, gen_random_uuid(), $2, 'on-chain', 'On-chain bench deal', 'Indexer benchmark', 'equity', 'active', 'USD', 2, 100000000, 1, 1000000000000, 100, now(), $3, $4) returning id`,
    [tenantId, issuer.rows[0]!.id, chainId, sale.toLowerCase()],
  );
  const dealId = deal.rows[0]!.id;
  const investorIds: string[] = [];
  for (const [i, a] of INVESTORS.entries()) {
    const u = await owner.query<{ id: string }>(`insert into users (tenant_id, id, email, password_hash, first_name, last_name) values ($1, gen_random_uuid(), $2, 'x', 'Investor', 'Bench') returning id`, [tenantId, `investor${i}@indexer.bench`]);
    investorIds.push(u.rows[0]!.id);
    // Reservations as the invest API leaves them for an on-chain deal: catch-up ones (1.00 USD) first, live ones (2.00 USD) after.
    for (const [count, cents, offset] of [[CATCH_UP, 100, 0], [LIVE, 200, 10_000_000]] as const) {
      const n = Math.ceil(count / INVESTORS.length);
      await owner.query(
        `insert into investments (tenant_id, id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, wallet_address, status, chain_id, funding_expires_at, created_at, updated_at)
         select $1, gen_random_uuid(), $2, $3, $4, 'USD', 2, 'crypto', $5, 'pending_payment', $6, now() + interval '1 day',
                now() - interval '1 hour' + (g + $8::int) * interval '1 millisecond', now()
         from generate_series(1, $7::int) g`,
        [tenantId, dealId, u.rows[0]!.id, cents, a.address.toLowerCase(), chainId, n, offset],
      );
    }
  }
  await owner.query('commit');
  return { dealId, investorIds };
}

/** The bare loop: the same eth_getLogs ranges and topics, each log decoded with viem, nothing written. */
async function bareLoop(client: PublicClient, from: bigint, to: bigint, batch: bigint, known: Map<string, Abi>): Promise<number> {
  let decoded = 0;
  for (let start = from; start <= to; start += batch) {
    const end = start + batch - 1n < to ? start + batch - 1n : to;
    const logs = (await client.request({ method: 'eth_getLogs', params: [{ fromBlock: numberToHex(start), toBlock: numberToHex(end), topics: [FOLLOWED_TOPICS] }] } as never)) as { address: string; data: Hex; topics: Hex[] }[];
    for (const l of logs) {
      const abi = known.get(l.address.toLowerCase()) ?? ABI_OF.escrow;
      try {
        decodeEventLog({ abi, data: l.data, topics: l.topics as [Hex, ...Hex[]] });
        decoded++;
      } catch {
        // not one of ours
      }
    }
  }
  return decoded;
}

async function main() {
  const started = performance.now();
  await assertPortsFree([PG_PORT]);
  rmSync(DATA_DIR, { recursive: true, force: true });
  Object.assign(process.env, { DATA_DIR, EMBEDDED_PG_PORT: String(PG_PORT), APP_ENV: 'local', NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_KEYS: `bench:${randomBytes(32).toString('base64')}` });
  delete process.env.DATABASE_URL;
  resetConfigCache();
  db = await openDatabase(parseConfig(process.env), () => {});
  const config = getConfig();
  await migrate({ ownerUrl: ownerDatabaseUrl(config), appPassword: config.APP_DB_PASSWORD, log: () => {} });

  anvil = await spawnAnvil({ port: await findFreePort() });
  const transport = http(anvil.rpcUrl);
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 5 }) as PublicClient;
  const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
  const deployer = createWalletClient({ chain: foundry, transport, account: localAccount(0) });
  const { id: tenantId } = await createTenant({ adminId: null }, { name: 'Indexer bench', slug: 'indexer-bench', admin: { email: 'admin@indexer.bench', password: 'Quiet-Harbor-Ledger-2026', firstName: 'Ada', lastName: 'Admin' } });
  const system = await deploySystem({ publicClient: client, walletClient: deployer, tenants: [{ name: 'bench', tenantId: tenantIdFromUuid(tenantId) }] });
  const now = (await client.getBlock()).timestamp;
  const saleToken = await deployContract({ publicClient: client, walletClient: deployer }, 'TestStablecoin', ['Deal Token', 'DEAL', 18]);
  const saleReceipt = await receiptOf(
    client,
    await deployer.writeContract({
      address: system.tenantFactories[0]!.address,
      abi: tenantFactoryAbi,
      functionName: 'createSale',
      args: [{ dealId: `0x${'01'.padStart(64, '0')}`, paymentToken: system.paymentToken, saleToken, issuerTreasury: deployer.account.address, softCap: 1n, hardCap: 10n ** 30n, minInvestment: 1n, maxInvestment: 10n ** 29n, startTime: now, endTime: now + 86400n * 365n, tokensPerPaymentUnit: 10n ** 30n }],
      gas: 8_000_000n,
    }),
  );
  if (saleReceipt.status !== 'success') throw new Error('createSale reverted');
  const sale = parseEventLogs({ abi: tenantFactoryAbi, logs: saleReceipt.logs, eventName: 'SaleCreated' })[0]!.args.sale;
  await receiptOf(client, await deployer.writeContract({ address: sale, abi: tokenSaleAbi, functionName: 'setAllowlist', args: [INVESTORS.map((a) => a.address), true] }));
  for (const a of INVESTORS) {
    const w = createWalletClient({ chain: foundry, transport, account: a });
    await receiptOf(client, await w.writeContract({ address: system.paymentToken, abi: testStablecoinAbi, functionName: 'mint', args: [a.address, 10n ** 24n] }));
    await receiptOf(client, await w.writeContract({ address: system.paymentToken, abi: testStablecoinAbi, functionName: 'approve', args: [system.escrowFactory, 10n ** 24n] }));
  }
  const owner = new pg.Client({ connectionString: ownerDatabaseUrl(config) });
  await owner.connect();
  await seed(owner, tenantId, sale, foundry.id);
  say(`tenant, deal and ${int(CATCH_UP + LIVE)} reservations seeded; system deployed on anvil ${anvil.rpcUrl}`);

  // ---- 10,000 escrows, PER_BLOCK per block: unlocked anvil accounts, explicit nonces, automine off.
  const nonces = new Map<string, number>();
  for (const a of INVESTORS) nonces.set(a.address, await client.getTransactionCount({ address: a.address, blockTag: 'pending' }));
  const fees = await client.estimateFeesPerGas();
  const send = (k: number, amount: bigint) => {
    const a = INVESTORS[k % INVESTORS.length]!;
    const nonce = nonces.get(a.address)!;
    nonces.set(a.address, nonce + 1);
    return client.request({
      method: 'eth_sendTransaction',
      params: [{ from: a.address, to: system.escrowFactory, data: encodeFunctionData({ abi: escrowFactoryAbi, functionName: 'createEscrow', args: [sale as Address, amount] }), gas: numberToHex(300_000n), nonce: numberToHex(nonce), maxFeePerGas: numberToHex(fees.maxFeePerGas!), maxPriorityFeePerGas: numberToHex(fees.maxPriorityFeePerGas!) }],
    } as never) as Promise<Hex>;
  };
  const firstBlock = (await client.getBlockNumber({ cacheTime: 0 })) + 1n;
  await testClient.setAutomine(false);
  const t0 = performance.now();
  for (let i = 0; i < CATCH_UP; i += PER_BLOCK) {
    await Promise.all(Array.from({ length: Math.min(PER_BLOCK, CATCH_UP - i) }, (_, j) => send(i + j, CATCH_UP_TOKENS)));
    await testClient.mine({ blocks: 1 });
  }
  await testClient.setAutomine(true);
  const lastBlock = await client.getBlockNumber({ cacheTime: 0 });
  const created = parseEventLogs({ abi: escrowFactoryAbi, logs: await client.getLogs({ address: system.escrowFactory, fromBlock: firstBlock, toBlock: lastBlock }), eventName: 'EscrowCreated' });
  if (created.length !== CATCH_UP) throw new Error(`expected ${CATCH_UP} escrows on chain, found ${created.length}`);
  say(`${int(CATCH_UP)} escrows funded on chain in ${lastBlock - firstBlock + 1n} blocks (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // ---- catch-up: bare loop (fetch + decode), the indexer, the bare loop again (best bare run is the ceiling).
  const batch = BigInt(config.INDEXER_BATCH_BLOCKS);
  const start = BigInt(system.deployedAtBlock);
  const known = new Map<string, Abi>([[system.escrowFactory.toLowerCase(), ABI_OF.escrowFactory], [system.tenantFactories[0]!.address.toLowerCase(), ABI_OF.tenantFactory], [sale.toLowerCase(), ABI_OF.sale]]);
  const bare = async () => {
    const s = performance.now();
    const n = await bareLoop(client, start, lastBlock, batch, known);
    return { n, seconds: (performance.now() - s) / 1000 };
  };
  const bare1 = await bare();
  const chain: IndexedChain = { chainId: foundry.id, client, confirmations: 1, escrowFactories: [system.escrowFactory], startBlock: start, batchBlocks: batch };
  const s = performance.now();
  const r = await syncChainOnce(chain);
  const indexSeconds = (performance.now() - s) / 1000;
  const bare2 = await bare();
  const written = Number((await owner.query<{ n: string }>(`select count(*) as n from chain_events where chain_id = $1`, [foundry.id])).rows[0]!.n);
  const bound = Number((await owner.query<{ n: string }>(`select count(*) as n from investments where tenant_id = $1 and status = 'in_escrow'`, [tenantId])).rows[0]!.n);
  const movements = Number((await owner.query<{ n: string }>(`select count(*) as n from escrow_transactions where tenant_id = $1 and kind = 'deposit' and tx_hash is not null`, [tenantId])).rows[0]!.n);
  if (bound !== CATCH_UP || movements !== CATCH_UP) throw new Error(`expected ${CATCH_UP} investments in escrow with a deposit, found ${bound} / ${movements}`);
  const bestBare = bare1.seconds < bare2.seconds ? bare1 : bare2;
  const indexerRate = written / indexSeconds;
  const bareRate = bestBare.n / bestBare.seconds;
  say(`catch-up: indexer ${int(indexerRate)} events/s (${written} events, ${r.batches} batches, ${indexSeconds.toFixed(2)} s); bare fetch+decode ${int(bareRate)} events/s (${bestBare.n} logs in ${bestBare.seconds.toFixed(2)} s) -> ${ratio(indexerRate, bareRate)}`);

  if (process.env.BENCH_LIVE === '0') {
    say('BENCH_LIVE=0: catch-up only, nothing written to bench/BENCHMARKS.md');
    await owner.end();
    return;
  }

  // ---- live lag at 1 confirmation: fund LIVE escrows at LIVE_RATE/s with the indexer loop running.
  const live = await owner.query<{ id: string; wallet_address: string }>(`select id, wallet_address from investments where tenant_id = $1 and status = 'pending_payment' and amount = 200 order by created_at, id`, [tenantId]);
  const queues = new Map<string, string[]>();
  for (const row of live.rows) queues.set(row.wallet_address, [...(queues.get(row.wallet_address) ?? []), row.id]);
  // Steady state for the live run: the catch-up's 10,000-row writes leave autovacuum, analyze and a
  // checkpoint to run; done here first, so they do not land inside the measured minute.
  for (const table of ['investments', 'escrow_investments', 'escrow_transactions', 'investment_events', 'chain_events', 'chain_blocks']) await owner.query(`vacuum analyze ${table}`);
  await owner.query('checkpoint');
  const runner = startIndexer([chain], { pollMs: POLL_MS });
  const minedAt = new Map<string, number>();
  const updatedAt = new Map<string, number>();
  let stopPolling = false;
  const poller = (async () => {
    while (!stopPolling || updatedAt.size < minedAt.size) {
      const waiting = [...minedAt.keys()].filter((id) => !updatedAt.has(id));
      if (waiting.length) {
        const done = await owner.query<{ id: string }>(`select id from investments where tenant_id = $1 and id = any($2::uuid[]) and status = 'in_escrow'`, [tenantId, waiting]);
        const t = performance.now();
        for (const d of done.rows) updatedAt.set(d.id, t);
      }
      await new Promise((res) => setTimeout(res, 20));
    }
  })();
  const liveStart = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < LIVE; i++) {
    const due = liveStart + (i * 1000) / LIVE_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    const wallet = INVESTORS[i % INVESTORS.length]!.address.toLowerCase();
    const investmentId = queues.get(wallet)!.shift()!;
    // Automine: the send returns once the block holding it is mined.
    sends.push(send(i, LIVE_TOKENS).then(() => void minedAt.set(investmentId, performance.now())));
  }
  await Promise.all(sends);
  const achieved = LIVE / ((performance.now() - liveStart) / 1000);
  stopPolling = true;
  await poller;
  await runner.stop();
  const lags = [...minedAt.entries()].map(([id, t]) => updatedAt.get(id)! - t);
  const p50 = pctl(lags, 50);
  const p99 = pctl(lags, 99);
  say(`live: ${int(LIVE)} escrows at ${achieved.toFixed(1)}/s, block mined -> investment in_escrow p50 ${ms(p50)} p99 ${ms(p99)} (poll ${POLL_MS} ms)`);
  await owner.end();

  const body = [
    `Command: \`npm run bench:indexer\` (bench/indexer.ts: its own embedded PostgreSQL 17 and anvil; ${int(CATCH_UP)} escrows funded on chain by ${INVESTORS.length} investor wallets, ${PER_BLOCK} per block, each matching a pending_payment reservation). Run ${new Date().toISOString().slice(0, 16)}Z, ${((performance.now() - started) / 1000).toFixed(0)} s in all; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} CPUs.`,
    '',
    'Catch-up: the indexer writes every event (raw row with its undo record; for each EscrowCreated the reservation locked and bound, its investment event, the escrow row and its deposit movement) in one transaction per batch of ' +
      `${batch} blocks; the ceiling is a bare loop over the same anvil that only fetches the same ranges with eth_getLogs and decodes each log with viem (best of two runs, one before and one after the indexer).`,
    '',
    table(
      ['catch-up', 'events', 'seconds', 'events/s', 'vs bare loop'],
      [
        ['bare loop: eth_getLogs + decodeEventLog (ceiling)', int(bestBare.n), bestBare.seconds.toFixed(2), int(bareRate), '100%'],
        [`indexer: syncChainOnce (${r.batches} batch transactions)`, int(written), indexSeconds.toFixed(2), int(indexerRate), ratio(indexerRate, bareRate)],
      ],
    ),
    '',
    `Goal ≥ 50%: ${indexerRate / bareRate >= 0.5 ? 'met' : 'not met'}.`,
    '',
    `Live lag: the indexer loop (scripts/indexer.ts's runner, polling every ${POLL_MS} ms when caught up, 1 confirmation) while ${int(LIVE)} escrows are funded at ${achieved.toFixed(1)}/s (anvil automine: each funding is its own block); from the moment the funding transaction's block is mined (the send returns) to the moment its investment row reads in_escrow (polled every 20 ms). Run after the catch-up, once vacuum analyze of the written tables and a checkpoint have finished.`,
    '',
    table(['live lag (block mined -> row in_escrow)', 'p50', 'p99', 'max'], [[`${int(LIVE)} fundings at ~${LIVE_RATE}/s`, ms(p50, 1), ms(p99, 1), ms(Math.max(...lags), 1)]]),
  ].join('\n');
  writeSection(path.resolve('bench/BENCHMARKS.md'), SECTION, body, '## Web app (issue 7)');
  say('written to bench/BENCHMARKS.md');
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closePools().catch(() => {});
    await anvil?.stop().catch(() => {});
    await db?.embedded?.stop().catch(() => {});
  });
