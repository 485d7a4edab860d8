import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePools } from '../../src/server/db/pool';
import { syncChainOnce } from '../../src/server/chain/indexer/sync';
import { escrowRowOf, investmentRow, movementsOf, onChainDeal, refundOf, reservation, unmatchedOf } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// The indexer against real chain writes on anvil: the investor's wallet funds its escrow, the
// tenant's operator releases, its admin rejects, anyone refunds after the deadline. Each
// outcome reaches the investment, the escrow and its movements only through the indexer.

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

describe('chain indexer: escrows on anvil reach the ledger', () => {
  it('binds a funded escrow to its reservation, and a release confirms the investment', async () => {
    const wallet = c.investors[0]!;
    const inv = await reservation(a, c.chainId, dealId, wallet.address);
    const funded = await c.fundEscrow(wallet, sale, inv.tokenAmount);
    // Nothing moves before the indexer has read the block.
    expect((await investmentRow(a, inv.id)).status).toBe('pending_payment');

    await syncChainOnce(c.indexed);
    const row = await investmentRow(a, inv.id);
    expect(row).toMatchObject({ status: 'in_escrow', escrow_address: funded.escrow.toLowerCase(), transaction_hash: funded.txHash.toLowerCase() });
    const escrow = (await escrowRowOf(a, inv.id))!;
    expect(escrow).toMatchObject({ status: 'held', chain_id: String(c.chainId), escrow_address: funded.escrow.toLowerCase(), amount: inv.amount.toString() });
    const block = await c.publicClient.getBlock({ blockNumber: funded.blockNumber });
    expect(escrow.deadline_admin.getTime()).toBe(Number(block.timestamp + 14n * 86400n) * 1000);
    expect(await movementsOf(a, escrow.id)).toEqual([expect.objectContaining({ kind: 'deposit', tx_hash: funded.txHash.toLowerCase(), chain_id: String(c.chainId) })]);

    // Syncing again applies nothing twice.
    await syncChainOnce(c.indexed);
    expect(await movementsOf(a, escrow.id)).toHaveLength(1);

    const released = await c.release(0, funded.escrow);
    expect((await escrowRowOf(a, inv.id))!.status).toBe('held');
    await syncChainOnce(c.indexed);
    expect((await escrowRowOf(a, inv.id))!.status).toBe('released');
    expect((await investmentRow(a, inv.id)).status).toBe('confirmed');
    expect((await movementsOf(a, escrow.id)).map((m) => [m.kind, m.tx_hash])).toEqual([
      ['deposit', funded.txHash.toLowerCase()],
      ['release', released.transactionHash.toLowerCase()],
    ]);
  });

  it('a rejection on chain refunds the investment with the rejection reason', async () => {
    const wallet = c.investors[1]!;
    const inv = await reservation(a, c.chainId, dealId, wallet.address, 250_00n);
    const funded = await c.fundEscrow(wallet, sale, inv.tokenAmount);
    await syncChainOnce(c.indexed);
    const rejected = await c.reject(0, funded.escrow);
    await syncChainOnce(c.indexed);
    const escrow = (await escrowRowOf(a, inv.id))!;
    expect(escrow.status).toBe('refunded');
    expect((await investmentRow(a, inv.id)).status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'rejection', tx_hash: rejected.transactionHash.toLowerCase() });
  });

  it('a timeout refund after the on-chain deadline refunds with the timeout reason', async () => {
    const wallet = c.investors[2]!;
    const inv = await reservation(a, c.chainId, dealId, wallet.address, 300_00n);
    const funded = await c.fundEscrow(wallet, sale, inv.tokenAmount);
    await syncChainOnce(c.indexed);
    await c.testClient.increaseTime({ seconds: 15 * 86400 });
    await c.testClient.mine({ blocks: 1 });
    const refunded = await c.refundAfterTimeout(funded.escrow);
    await syncChainOnce(c.indexed);
    const escrow = (await escrowRowOf(a, inv.id))!;
    expect(escrow.status).toBe('refunded');
    expect((await investmentRow(a, inv.id)).status).toBe('refunded');
    expect(await refundOf(a, escrow.id)).toMatchObject({ reason: 'timeout', tx_hash: refunded.transactionHash.toLowerCase() });
  });

  it('an escrow no reservation matches is kept as unmatched for the admins, and closes when refunded', async () => {
    const wallet = c.investors[3]!;
    const funded = await c.fundEscrow(wallet, sale, 777n);
    await syncChainOnce(c.indexed);
    const rows = await unmatchedOf(a);
    expect(rows).toEqual([expect.objectContaining({ escrow_address: funded.escrow.toLowerCase(), investor_address: wallet.address.toLowerCase(), amount: '777', deal_id: dealId, status: 'open' })]);
    await c.reject(0, funded.escrow);
    await syncChainOnce(c.indexed);
    expect((await unmatchedOf(a))[0]!.status).toBe('refunded');
  });
});
