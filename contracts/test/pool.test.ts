// Pool: contribute and withdraw until the lock, invest as one position, then pro-rata tokens
// and refunds (including what the hard cap left uninvested).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { abis, DAY, TOKEN, USD, expectOk, expectRevert, startHarness, type Harness } from './support/harness';

const { poolAbi, tokenSaleAbi, tenantFactoryAbi } = abis;

let h: Harness;
let snap: Hex;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());
beforeEach(async () => {
  snap = await h.snapshot();
});
afterEach(async () => h.revert(snap));

async function poolFor(sale: Address, lockTime: bigint): Promise<Address> {
  const r = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sale, lockTime]));
  return parseEventLogs({ abi: tenantFactoryAbi, logs: r.receipt.logs, eventName: 'PoolCreated' })[0]!.args.pool;
}

async function contribute(pool: Address, who: 'alice' | 'bob' | 'carol', amount: bigint) {
  await h.fund(who, amount);
  await h.approve(who, pool, amount);
  return h.send(who, pool, poolAbi, 'contribute', [amount]);
}

describe('Pool', () => {
  it('invests as one position and distributes tokens pro rata', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 500n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectRevert(await contribute(pool, 'carol', 100n * USD), 'NotEligible');
    expectOk(await contribute(pool, 'alice', 300n * USD));
    expectOk(await contribute(pool, 'bob', 700n * USD));
    expectRevert(await h.send('bob', pool, poolAbi, 'invest'), 'NotLocked');

    await h.setNextTimestamp(start + 5n * DAY);
    expectRevert(await contribute(pool, 'alice', 100n * USD), 'Locked');
    expectOk(await h.send('carol', pool, poolAbi, 'invest'));
    expect(await h.read(sale, tokenSaleAbi, 'contributions', [pool])).toBe(1_000n * USD);
    expectRevert(await h.send('carol', pool, poolAbi, 'invest'), 'AlreadyInvested');

    await h.setNextTimestamp(start + 10n * DAY + 1n);
    await h.fund(sale, 1_000n * TOKEN, h.saleToken);
    expectOk(await h.send('carol', sale, tokenSaleAbi, 'settle'));
    expectRevert(await h.send('alice', pool, poolAbi, 'claim'), 'NotFinalized');
    expectOk(await h.send('carol', pool, poolAbi, 'finalize'));
    expectOk(await h.send('alice', pool, poolAbi, 'claim'));
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.alice)).toBe(300n * TOKEN);
    expect(await h.balanceOf(h.saleToken, h.addr.bob)).toBe(700n * TOKEN);
    expectRevert(await h.send('bob', pool, poolAbi, 'claim'), 'NothingToClaim');
    expectRevert(await h.send('carol', pool, poolAbi, 'claim'), 'NothingToClaim');
  });

  it('lets members withdraw before the lock only', async () => {
    const start = await h.now();
    const sale = await h.createSale();
    await h.allow(sale, [h.addr.alice]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 300n * USD));
    expectRevert(await h.send('alice', pool, poolAbi, 'withdraw', [301n * USD]), 'InsufficientContribution');
    expectOk(await h.send('alice', pool, poolAbi, 'withdraw', [100n * USD]));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(100n * USD);
    expect(await h.read(pool, poolAbi, 'totalContributed')).toBe(200n * USD);
    await h.setNextTimestamp(start + 5n * DAY);
    expectRevert(await h.send('alice', pool, poolAbi, 'withdraw', [100n * USD]), 'Locked');
  });

  it('returns the uninvested remainder pro rata when the hard cap limits the position', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 100n * USD, hardCap: 600n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 400n * USD));
    expectOk(await contribute(pool, 'bob', 400n * USD));
    await h.setNextTimestamp(start + 5n * DAY);
    expectOk(await h.send('alice', pool, poolAbi, 'invest'));
    expect(await h.read(pool, poolAbi, 'investedAmount')).toBe(600n * USD);
    await h.fund(sale, 600n * TOKEN, h.saleToken);
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('alice', pool, poolAbi, 'finalize'));
    expectOk(await h.send('alice', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.saleToken, h.addr.alice)).toBe(300n * TOKEN);
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(100n * USD);
  });

  it('passes a failed sale refund back to members pro rata', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 5_000n * USD, endTime: start + 10n * DAY });
    await h.allow(sale, [h.addr.alice, h.addr.bob]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 250n * USD));
    expectOk(await contribute(pool, 'bob', 750n * USD));
    await h.setNextTimestamp(start + 5n * DAY);
    expectOk(await h.send('bob', pool, poolAbi, 'invest'));
    expectRevert(await h.send('bob', pool, poolAbi, 'finalize'), 'SaleNotFinal');
    await h.setNextTimestamp(start + 10n * DAY + 1n);
    expectOk(await h.send('bob', pool, poolAbi, 'finalize'));
    expectOk(await h.send('alice', pool, poolAbi, 'claim'));
    expectOk(await h.send('bob', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(250n * USD);
    expect(await h.balanceOf(h.paymentToken, h.addr.bob)).toBe(750n * USD);
    expect(await h.balanceOf(h.paymentToken, pool)).toBe(0n);
  });

  it('finalizes even when the pool position rounds to zero tokens, returning the uninvested payment', async () => {
    const start = await h.now();
    const sale = await h.createSale({ softCap: 100n * USD, hardCap: 600n * USD, endTime: start + 10n * DAY, tokensPerPaymentUnit: 1n });
    await h.allow(sale, [h.addr.alice]);
    const pool = await poolFor(sale, start + 5n * DAY);
    expectOk(await contribute(pool, 'alice', 800n * USD));
    await h.setNextTimestamp(start + 5n * DAY);
    expectOk(await h.send('alice', pool, poolAbi, 'invest'));
    expectOk(await h.send('alice', sale, tokenSaleAbi, 'settle'));
    expectOk(await h.send('alice', pool, poolAbi, 'finalize'));
    expectOk(await h.send('alice', pool, poolAbi, 'claim'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(200n * USD);
  });
});
