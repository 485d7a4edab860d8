import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listEscrows } from '../../src/app/api/admin/escrow/route';
import { GET as listUnmatched } from '../../src/app/api/admin/escrow/unmatched/route';
import { GET as portfolio } from '../../src/app/api/investor/portfolio/route';
import { syncChainOnce } from '../../src/server/chain/indexer/sync';
import { withIndexer } from '../../src/server/db/indexer';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { escrowRowOf, investmentRow, onChainDeal, reservation } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// Two tenants on one chain, one indexer: each escrow lands in the rows of the tenant its
// factory belongs to, and neither tenant's admin or investor APIs show the other's.

let a: TestTenant;
let b: TestTenant;
let c: IndexedTestChain;

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  c = await startIndexedChain([a.id, b.id]);
});

afterAll(async () => {
  await c?.stop();
  await closePools();
});

describe('chain indexer: tenant isolation', () => {
  it("attributes each escrow to its own tenant; admin and investor APIs never show the other tenant's", async () => {
    const saleA = await c.createSale(0);
    const saleB = await c.createSale(1);
    const dealA = (await onChainDeal(a, c.chainId, saleA)).id;
    const dealB = (await onChainDeal(b, c.chainId, saleB)).id;
    // The same wallet invests in both tenants' deals, for the same amount.
    const wallet = c.investors[0]!;
    const invA = await reservation(a, c.chainId, dealA, wallet.address);
    const invB = await reservation(b, c.chainId, dealB, wallet.address);
    const fundedA = await c.fundEscrow(wallet, saleA, invA.tokenAmount);
    const fundedB = await c.fundEscrow(wallet, saleB, invB.tokenAmount);
    // An escrow on B's sale that nobody in B reserved.
    const strayB = await c.fundEscrow(c.investors[1]!, saleB, 4242n);
    await syncChainOnce(c.indexed);

    expect(await investmentRow(a, invA.id)).toMatchObject({ status: 'in_escrow', escrow_address: fundedA.escrow.toLowerCase() });
    expect(await investmentRow(b, invB.id)).toMatchObject({ status: 'in_escrow', escrow_address: fundedB.escrow.toLowerCase() });

    // Raw events carry their tenant; each tenant's context sees only its own.
    const events = await withIndexer((ix) => ix.tx.selectFrom('chain_events').select(['tenant_id', 'tx_hash']).where('chain_id', '=', String(c.chainId)).where('event_name', '=', 'EscrowCreated').execute());
    expect(events.find((e) => e.tx_hash === fundedA.txHash.toLowerCase())?.tenant_id).toBe(a.id);
    expect(events.find((e) => e.tx_hash === fundedB.txHash.toLowerCase())?.tenant_id).toBe(b.id);
    const seenByA = await withTenant(a.id, null, (t) => t.tx.selectFrom('chain_events').select('tx_hash').where('chain_id', '=', String(c.chainId)).execute());
    expect(seenByA.map((e) => e.tx_hash)).toContain(fundedA.txHash.toLowerCase());
    expect(seenByA.map((e) => e.tx_hash)).not.toContain(fundedB.txHash.toLowerCase());
    expect(seenByA.map((e) => e.tx_hash)).not.toContain(strayB.txHash.toLowerCase());

    // Admin APIs.
    const adminA = await tokenFor(a, a.admin.email);
    const escrowsA = await call(listEscrows, { host: a.host, token: adminA, path: '/api/admin/escrow?limit=100' });
    expect(escrowsA.status).toBe(200);
    const addressesA = escrowsA.json.escrows.map((e: { chain: { escrowAddress: string } }) => e.chain.escrowAddress);
    expect(addressesA).toEqual([fundedA.escrow.toLowerCase()]);
    const unmatchedA = await call(listUnmatched, { host: a.host, token: adminA });
    expect(unmatchedA.json.unmatched).toEqual([]);
    const adminB = await tokenFor(b, b.admin.email);
    const unmatchedB = await call(listUnmatched, { host: b.host, token: adminB });
    expect(unmatchedB.json.unmatched).toEqual([expect.objectContaining({ escrowAddress: strayB.escrow.toLowerCase(), tokenAmount: '4242', status: 'open', dealId: dealB })]);
    // A's admin token on B's host is refused.
    expect((await call(listUnmatched, { host: b.host, token: adminA })).status).toBe(401);

    // The investor's portfolio: the escrow state, deadline and tx hashes (no explorer for a dev chain).
    const investorA = await tokenFor(a, invA.email);
    const p = await call(portfolio, { host: a.host, token: investorA });
    expect(p.status).toBe(200);
    const [mine] = p.json.positions.flatMap((pos: { investments: unknown[] }) => pos.investments);
    expect(mine).toMatchObject({
      id: invA.id,
      status: 'in_escrow',
      transactionHash: fundedA.txHash.toLowerCase(),
      transactionUrl: null,
      escrow: { status: 'held', onChain: true, chainId: c.chainId, escrowAddress: fundedA.escrow.toLowerCase(), movements: [{ kind: 'deposit', txHash: fundedA.txHash.toLowerCase(), txUrl: null }] },
    });
    expect(mine.escrow.decisionDeadline).toBe((await escrowRowOf(a, invA.id))!.deadline_admin.toISOString());

    // On chain, too: A's operator cannot release B's escrow (roles are per tenant).
    await expect(c.release(0, fundedB.escrow)).rejects.toThrow();
    await c.release(1, fundedB.escrow);
    await syncChainOnce(c.indexed);
    expect((await investmentRow(b, invB.id)).status).toBe('confirmed');
    expect((await investmentRow(a, invA.id)).status).toBe('in_escrow');
  });
});
