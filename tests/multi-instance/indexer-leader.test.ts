import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { currentLeader } from '../../src/server/chain/indexer/repo';
import { indexerRead, withIndexer } from '../../src/server/db/indexer';
import { closePools } from '../../src/server/db/pool';
import { onChainDeal } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { spawnIndexerChild, until } from '../helpers/indexer-process';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// Two indexer processes on one chain (issue 22): one leads (holds the chain's lease), the other
// stands by; SIGKILL the leader half-way through the chain and the other takes over from the
// cursor once the lease runs out: every event exactly once, no block skipped. The processes run
// the indexer's loop (src/server/chain/indexer/runner.ts) as scripts/indexer.ts does, pointed at
// a test chain (tests/helpers/indexer-child.ts).

const LEASE_MS = 1_000;
let a: TestTenant;
let c: IndexedTestChain;
const children: ChildProcess[] = [];

beforeAll(async () => {
  a = await makeTenant();
  c = await startIndexedChain([a.id]);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await c?.stop();
  await closePools();
});

/** An indexer process; resolves with its lease holder name once started. */
async function startIndexerProcess(name: string, slowMs: number): Promise<{ child: ChildProcess; holder: string }> {
  const child = spawnIndexerChild(c, name, { slowMs, batchBlocks: 2, leaseMs: LEASE_MS });
  children.push(child);
  const holder = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(line.replace(/^started /, '')));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it started`)));
  });
  return { child, holder };
}

const cursorOf = async () => BigInt((await withIndexer((ix) => ix.tx.selectFrom('chain_cursors').select(['block_number']).where('chain_id', '=', String(c.chainId)).executeTakeFirst()))?.block_number ?? 0);
const leader = () => indexerRead((db) => currentLeader(db, c.chainId));

describe('one indexer leader per chain, with failover', () => {
  it('two indexers: one leads; kill it half-way and the other takes over from the cursor, every event exactly once', async () => {
    const sale = await c.createSale(0);
    await onChainDeal(a, c.chainId, sale);
    for (let i = 0; i < 10; i++) await c.fundEscrow(c.investors[i % 5]!, sale, 1_000n + BigInt(i));

    // Slow batches (40 ms per written event), two blocks each: the first leader is still at work when killed.
    const one = await startIndexerProcess('leader-test-1', 40);
    const two = await startIndexerProcess('leader-test-2', 40);
    const byHolder = new Map([
      [one.holder, one.child],
      [two.holder, two.child],
    ]);
    const first = await until('a leader', leader);
    expect(byHolder.has(first)).toBe(true);
    const start = BigInt(c.system.deployedAtBlock) - 1n;
    await until('the leader to commit a batch', async () => (await cursorOf()) > start);
    // Only the leader writes: the other process never held the lease meanwhile.
    expect(await leader()).toBe(first);

    const killed = byHolder.get(first)!;
    killed.kill('SIGKILL');
    await new Promise((r) => killed.once('exit', r));
    const cursorAtKill = await cursorOf();

    // More events after the kill: the new leader must read them too.
    for (let i = 0; i < 4; i++) await c.fundEscrow(c.investors[i % 5]!, sale, 2_000n + BigInt(i));
    const head = await c.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(cursorAtKill).toBeLessThan(head);

    const second = await until('another leader', async () => {
      const l = await leader();
      return l && l !== first ? l : null;
    });
    expect(byHolder.has(second)).toBe(true);
    await until('the new leader to catch up', async () => (await cursorOf()) >= head);

    const logs = await c.publicClient.getLogs({ address: c.system.escrowFactory, fromBlock: BigInt(c.system.deployedAtBlock), toBlock: head });
    const created = parseEventLogs({ abi: escrowFactoryAbi, logs, eventName: 'EscrowCreated' });
    expect(created).toHaveLength(14);
    const stored = await withIndexer((ix) =>
      ix.tx.selectFrom('chain_events').select(['tx_hash', 'log_index']).where('chain_id', '=', String(c.chainId)).where('event_name', '=', 'EscrowCreated').execute(),
    );
    expect(stored.map((e) => `${e.tx_hash}:${e.log_index}`).sort()).toEqual(created.map((l) => `${l.transactionHash.toLowerCase()}:${l.logIndex}`).sort());

    // A clean stop gives the lease up at once: nobody leads until a process claims it again.
    const survivor = byHolder.get(second)!;
    survivor.kill('SIGTERM');
    await new Promise((r) => survivor.once('exit', r));
    expect(survivor.exitCode).toBe(0);
    expect(await leader()).toBeNull();
  }, 180_000);
});
