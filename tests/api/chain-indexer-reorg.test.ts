import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncChainOnce } from '../../src/server/chain/indexer/sync';
import { withIndexer } from '../../src/server/db/indexer';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { escrowRowOf, investmentRow, movementsOf, onChainDeal, reservation } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// A fork after an escrow was indexed: what the indexer wrote past the fork point is taken
// back in one transaction (escrow row, movements, the investment's binding) and the new
// chain's events are applied instead.

let a: TestTenant;
let c: IndexedTestChain;
let sale: `0x${string}`;
let dealId: string;

beforeAll(async () => {
  a = await makeTenant();
  c = await startIndexedChain([a.id]);
  sale = await c.createSale(0);
  dealId = (await onChainDeal(a, c.chainId, sale)).id;
});

afterAll(async () => {
  await c?.stop();
  await closePools();
});

const eventsOf = (chainId: number) =>
  withIndexer((ix) => ix.tx.selectFrom('chain_events').select(['tx_hash', 'event_name', 'block_hash']).where('chain_id', '=', String(chainId)).orderBy('block_number').orderBy('log_index').execute());

describe('chain indexer: reorgs', () => {
  it('evm_revert to a snapshot, then a different history: the rewound rows are gone and the new ones applied', async () => {
    const first = await reservation(a, c.chainId, dealId, c.investors[0]!.address, 400_00n);
    const second = await reservation(a, c.chainId, dealId, c.investors[1]!.address, 500_00n);
    const snap = await c.testClient.snapshot();

    const gone = await c.fundEscrow(c.investors[0]!, sale, first.tokenAmount);
    await c.release(0, gone.escrow);
    await syncChainOnce(c.indexed);
    expect((await investmentRow(a, first.id)).status).toBe('confirmed');
    const goneEscrow = (await escrowRowOf(a, first.id))!;
    expect(await movementsOf(a, goneEscrow.id)).toHaveLength(2);

    await c.testClient.revert({ id: snap });
    const kept = await c.fundEscrow(c.investors[1]!, sale, second.tokenAmount);
    // The new history is longer than the old one, so the cursor's height exists with another hash.
    await c.testClient.mine({ blocks: 10 });
    const r = await syncChainOnce(c.indexed);
    expect(r.rewinds).toBe(1);

    // The first investment waits for its escrow again; its escrow, movements and events are gone.
    expect(await investmentRow(a, first.id)).toMatchObject({ status: 'pending_payment', escrow_address: null, transaction_hash: null });
    expect(await escrowRowOf(a, first.id)).toBeUndefined();
    const movements = await withTenant(a.id, null, (t) => t.tx.selectFrom('escrow_transactions').select('id').where('tenant_id', '=', a.id).where('escrow_id', '=', goneEscrow.id).execute());
    expect(movements).toEqual([]);
    const hashes = (await eventsOf(c.chainId)).map((e) => e.tx_hash);
    expect(hashes).not.toContain(gone.txHash.toLowerCase());
    expect(hashes).toContain(kept.txHash.toLowerCase());
    // The deal's raised total went back with the rewound release.
    const deal = await withTenant(a.id, null, (t) => t.tx.selectFrom('deals').select(['confirmed_amount']).where('tenant_id', '=', a.id).where('id', '=', dealId).executeTakeFirstOrThrow());
    expect(deal.confirmed_amount).toBe('0');

    expect(await investmentRow(a, second.id)).toMatchObject({ status: 'in_escrow', escrow_address: kept.escrow.toLowerCase() });
    expect(await movementsOf(a, (await escrowRowOf(a, second.id))!.id)).toEqual([expect.objectContaining({ kind: 'deposit', tx_hash: kept.txHash.toLowerCase() })]);
    // The stored events all belong to the chain as it is now.
    for (const e of await eventsOf(c.chainId)) {
      const tx = await c.publicClient.getTransactionReceipt({ hash: e.tx_hash as `0x${string}` });
      expect(tx.blockHash.toLowerCase()).toBe(e.block_hash);
    }
  });

  it('anvil_reorg replaces the blocks of an indexed escrow: the escrow is rewound', async () => {
    const inv = await reservation(a, c.chainId, dealId, c.investors[2]!.address, 600_00n);
    const funded = await c.fundEscrow(c.investors[2]!, sale, inv.tokenAmount);
    await syncChainOnce(c.indexed);
    expect((await investmentRow(a, inv.id)).status).toBe('in_escrow');

    const head = await c.publicClient.getBlockNumber({ cacheTime: 0 });
    // Replace every block from the funding on with empty ones (anvil 1.x: anvil_reorg(depth, txs)).
    await c.publicClient.request({ method: 'anvil_reorg' as never, params: [Number(head - funded.blockNumber + 1n), []] as never });
    await c.testClient.mine({ blocks: 1 });
    const r = await syncChainOnce(c.indexed);
    expect(r.rewinds).toBe(1);
    expect(await investmentRow(a, inv.id)).toMatchObject({ status: 'pending_payment', escrow_address: null });
    expect(await escrowRowOf(a, inv.id)).toBeUndefined();
  });
});

describe('escrow_transactions stays append-only for the app', () => {
  it('the app role cannot delete or alter movements; the indexer role can delete only chain-written ones', async () => {
    const inv = await reservation(a, c.chainId, dealId, c.investors[3]!.address, 700_00n);
    await c.fundEscrow(c.investors[3]!, sale, inv.tokenAmount);
    await syncChainOnce(c.indexed);
    const escrow = (await escrowRowOf(a, inv.id))!;
    const [deposit] = await withTenant(a.id, null, (t) => t.tx.selectFrom('escrow_transactions').select(['id']).where('tenant_id', '=', a.id).where('escrow_id', '=', escrow.id).execute());

    // The app role: no DELETE privilege at all, and an update of anything but a missing tx_hash is refused.
    await expect(withTenant(a.id, null, (t) => t.tx.deleteFrom('escrow_transactions').where('tenant_id', '=', a.id).where('id', '=', deposit!.id).execute())).rejects.toThrow(/permission denied/);
    await expect(withTenant(a.id, null, (t) => sql`update escrow_transactions set amount = 1 where tenant_id = ${a.id} and id = ${deposit!.id}`.execute(t.tx))).rejects.toThrow(/permission denied|append-only/);

    // An ordinary (off-chain) movement: not even the indexer may delete it.
    const ordinary = await withTenant(a.id, null, async (t) => {
      const id = crypto.randomUUID();
      await t.tx.insertInto('escrow_transactions').values({ tenant_id: a.id, id, escrow_id: escrow.id, kind: 'deposit', amount: '1', actor_id: null, created_at: new Date() }).execute();
      return id;
    });
    await expect(withIndexer((ix) => ix.asTenant(a.id, (t) => t.tx.deleteFrom('escrow_transactions').where('tenant_id', '=', a.id).where('id', '=', ordinary).execute()))).rejects.toThrow(/append-only/);
    await expect(withIndexer((ix) => ix.asTenant(a.id, (t) => sql`update escrow_transactions set amount = 2 where tenant_id = ${a.id} and id = ${deposit!.id}`.execute(t.tx)))).rejects.toThrow(/permission denied|append-only/);
    // A chain-written one: the indexer may (this is what a rewind does); rolled back here.
    await expect(
      withIndexer(async (ix) => {
        const r = await ix.asTenant(a.id, (t) => t.tx.deleteFrom('escrow_transactions').where('tenant_id', '=', a.id).where('id', '=', deposit!.id).executeTakeFirst());
        expect(Number(r.numDeletedRows)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
  });
});
