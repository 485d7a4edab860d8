import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { parseEventLogs } from 'viem';
import { withIndexer } from '../../src/server/db/indexer';
import { closePools, ownerDb } from '../../src/server/db/pool';
import { escrowRowOf, investmentRow, movementsOf, onChainDeal, reservation, unmatchedOf } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { spawnIndexerChild, until } from '../helpers/indexer-process';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// SIGKILL the indexer process while a batch's transaction is open, start it again: every
// event is written exactly once, every effect applied once, no block skipped.

let a: TestTenant;
let c: IndexedTestChain;
const children: ChildProcess[] = [];

beforeAll(async () => {
  a = await makeTenant();
  c = await startIndexedChain([a.id]);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await c?.stop();
  await closePools();
});

function startChild(appName: string, slowMs: number): ChildProcess {
  const child = spawnIndexerChild(c, appName, { slowMs, batchBlocks: 4 });
  children.push(child);
  return child;
}

const cursorOf = () => withIndexer((ix) => ix.tx.selectFrom('chain_cursors').select(['block_number']).where('chain_id', '=', String(c.chainId)).executeTakeFirst());
/** Whether the process named appName has a database transaction open right now (a batch in flight). */
const openTransactions = async (appName: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where application_name = ${appName} and xact_start is not null`.execute(ownerDb())).rows[0]!.n);

describe('chain indexer: crash safety', () => {
  it('SIGKILL mid-batch, restart: every event exactly once, no gap', async () => {
    const sale = await c.createSale(0);
    const dealId = (await onChainDeal(a, c.chainId, sale)).id;
    // Six reservations funded by their wallets and twelve escrows nobody reserved.
    const matched: { id: string; txHash: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const inv = await reservation(a, c.chainId, dealId, c.investors[i % 5]!.address, BigInt(100 + i) * 100n);
      const funded = await c.fundEscrow(c.investors[i % 5]!, sale, inv.tokenAmount);
      matched.push({ id: inv.id, txHash: funded.txHash });
    }
    for (let i = 0; i < 12; i++) await c.fundEscrow(c.investors[i % 5]!, sale, 5_000n + BigInt(i));
    const head = await c.publicClient.getBlockNumber({ cacheTime: 0 });

    const appName = `indexer-crash-${randomBytes(4).toString('hex')}`;
    const slow = startChild(appName, 120);
    // A first batch committed, and the next one is open: kill it there.
    await until('a committed batch', async () => (await cursorOf()) !== undefined);
    await until('a batch in flight', async () => (await openTransactions(appName)) > 0);
    slow.kill('SIGKILL');
    await new Promise((r) => slow.once('exit', r));
    const cursorAtKill = BigInt((await cursorOf())!.block_number);
    expect(cursorAtKill).toBeLessThan(head);

    const again = startChild(`${appName}-2`, 0);
    await until('the restarted indexer to catch up', async () => BigInt((await cursorOf())?.block_number ?? 0) >= head);
    again.kill('SIGTERM');
    await new Promise((r) => again.once('exit', r));
    expect(again.exitCode).toBe(0);

    // Exactly the logs the chain holds, once each.
    const logs = await c.publicClient.getLogs({ address: c.system.escrowFactory, fromBlock: BigInt(c.system.deployedAtBlock), toBlock: head });
    const created = parseEventLogs({ abi: escrowFactoryAbi, logs, eventName: 'EscrowCreated' });
    expect(created).toHaveLength(18);
    const stored = await withIndexer((ix) =>
      ix.tx.selectFrom('chain_events').select(['tx_hash', 'log_index']).where('chain_id', '=', String(c.chainId)).where('event_name', '=', 'EscrowCreated').execute(),
    );
    expect(stored.map((e) => `${e.tx_hash}:${e.log_index}`).sort()).toEqual(created.map((l) => `${l.transactionHash.toLowerCase()}:${l.logIndex}`).sort());

    for (const m of matched) {
      expect((await investmentRow(a, m.id)).status).toBe('in_escrow');
      const escrow = (await escrowRowOf(a, m.id))!;
      expect(await movementsOf(a, escrow.id)).toEqual([expect.objectContaining({ kind: 'deposit', tx_hash: m.txHash.toLowerCase() })]);
    }
    expect((await unmatchedOf(a)).filter((u) => u.deal_id === dealId)).toHaveLength(12);
  });
});
