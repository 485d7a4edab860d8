// Escrow rules: one clone per investment, 14-day decision window, 30-day maximum life, every
// refund path, who may do what, and that money only ever reaches the investor or the deal's sale.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseEventLogs, stringToHex, pad, type Address, type Hex } from 'viem';
import { abis, DAY, USD, expectOk, expectRevert, startHarness, type Harness } from './support/harness';

const { escrowAbi, tokenSaleAbi, tenantFactoryAbi, escrowFactoryAbi } = abis;

let h: Harness;
let sale: Address;
let snap: Hex;

beforeAll(async () => {
  h = await startHarness();
  sale = await h.createSale();
  await h.allow(sale, [h.addr.alice]);
});
afterAll(async () => h?.stop());
beforeEach(async () => {
  snap = await h.snapshot();
});
afterEach(async () => h.revert(snap));

async function createdAt(escrow: Address): Promise<bigint> {
  const terms = await h.read<{ createdAt: bigint }>(escrow, escrowAbi, 'terms');
  return terms.createdAt;
}

describe('creating an escrow', () => {
  it('clones the implementation with the terms as immutable arguments and holds the funds', async () => {
    const { escrow, result } = await h.openEscrow(sale, 'alice', 500n * USD);
    const code = await h.publicClient.getCode({ address: escrow });
    // ERC-1167 runtime (45 bytes) + 84 bytes of packed terms: a clone, not a full deployment.
    expect((code!.length - 2) / 2).toBe(45 + 84);
    expect(code!.toLowerCase()).toContain(h.system.escrowImplementation.slice(2).toLowerCase());
    expect(await h.balanceOf(h.paymentToken, escrow)).toBe(500n * USD);
    const terms = await h.read<{ sale: Address; investor: Address; token: Address; amount: bigint }>(escrow, escrowAbi, 'terms');
    expect(terms).toMatchObject({ sale, investor: h.addr.alice, token: h.paymentToken, amount: 500n * USD });
    const [created] = parseEventLogs({ abi: escrowFactoryAbi, logs: result.receipt.logs, eventName: 'EscrowCreated' });
    expect(created!.args.tenantId).toBe(h.system.tenantFactories[0]!.tenantId);
    expect(await h.read(escrow, escrowAbi, 'decisionDeadline')).toBe((await createdAt(escrow)) + 14n * DAY);
    // The factory announces the deadline from the escrow's own constant, not a second copy of it.
    expect(created!.args.decisionDeadline).toBe(await h.read(escrow, escrowAbi, 'decisionDeadline'));
    expect(await h.read(escrow, escrowAbi, 'DECISION_WINDOW')).toBe(14n * DAY);
  });

  it('refuses addresses that are not sales of a registered tenant factory', async () => {
    await h.fund('alice', 100n * USD);
    await h.approve('alice', h.system.escrowFactory, 100n * USD);
    expectRevert(await h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [h.addr.bob, 100n * USD]), 'revert without data');
    expectRevert(await h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [h.tenantFactory, 100n * USD]), 'revert without data');
  });

  it('rejects a fee-on-transfer token, which would leave the escrow short', async () => {
    const fot = await h.deploy('FeeOnTransferToken', []);
    const fotSale = await h.createSale({ paymentToken: fot });
    await h.fund('alice', 200n * USD, fot);
    await h.approve('alice', h.system.escrowFactory, 200n * USD, fot);
    expectRevert(await h.send('alice', h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [fotSale, 200n * USD]), 'TokenShortfall');
  });

  it('cannot be operated through the implementation itself', async () => {
    expectRevert(await h.send('operator', h.system.escrowImplementation, escrowAbi, 'release'), 'NotAClone');
  });
});

describe('release (operator, within the decision window)', () => {
  it('moves the funds into the sale as the investor contribution', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 500n * USD);
    expectOk(await h.send('operator', escrow, escrowAbi, 'release'));
    expect(await h.balanceOf(h.paymentToken, escrow)).toBe(0n);
    expect(await h.balanceOf(h.paymentToken, sale)).toBe(500n * USD);
    expect(await h.read(sale, tokenSaleAbi, 'contributions', [h.addr.alice])).toBe(500n * USD);
    expect(await h.read(escrow, escrowAbi, 'state')).toBe(1);
    expectRevert(await h.send('operator', escrow, escrowAbi, 'release'), 'NotPending');
  });

  it('succeeds one second before the 14-day deadline and at it, fails one second after', async () => {
    const a = await h.openEscrow(sale, 'alice', 100n * USD);
    const deadline = (await createdAt(a.escrow)) + 14n * DAY;
    await h.setNextTimestamp(deadline - 1n);
    expectOk(await h.send('operator', a.escrow, escrowAbi, 'release'));

    const b = await h.openEscrow(sale, 'alice', 100n * USD);
    const deadlineB = (await createdAt(b.escrow)) + 14n * DAY;
    await h.setNextTimestamp(deadlineB);
    expectOk(await h.send('operator', b.escrow, escrowAbi, 'release'));

    const c = await h.openEscrow(sale, 'alice', 100n * USD);
    const deadlineC = (await createdAt(c.escrow)) + 14n * DAY;
    await h.setNextTimestamp(deadlineC + 1n);
    expectRevert(await h.send('operator', c.escrow, escrowAbi, 'release'), 'DecisionWindowClosed');
  });

  it('only an operator may release', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 100n * USD);
    expectRevert(await h.send('alice', escrow, escrowAbi, 'release'), 'NotOperator');
    expectRevert(await h.send('issuer', escrow, escrowAbi, 'release'), 'NotOperator');
  });

  it('cannot release into a sale that would break its rules (hard cap), and the funds stay put', async () => {
    const small = await h.createSale({ hardCap: 250n * USD, softCap: 100n * USD });
    const { escrow } = await h.openEscrow(small, 'alice', 150n * USD);
    await h.allow(small, [h.addr.bob]);
    await h.fund('bob', 150n * USD);
    await h.approve('bob', small, 150n * USD);
    expectOk(await h.send('bob', small, abis.tokenSaleAbi, 'invest', [150n * USD]));
    expectRevert(await h.send('operator', escrow, escrowAbi, 'release'), 'HardCapExceeded');
    expect(await h.balanceOf(h.paymentToken, escrow)).toBe(150n * USD);
  });

  it('a sale only accepts deposits from escrows created for it', async () => {
    const other = await h.createSale();
    const { escrow } = await h.openEscrow(other, 'alice', 100n * USD);
    expectRevert(await h.send('alice', sale, tokenSaleAbi, 'depositFromEscrow', [h.addr.alice, 100n * USD]), 'NotFromEscrow');
    // The escrow's own sale is fixed in its terms; no call can point it elsewhere.
    expectOk(await h.send('operator', escrow, escrowAbi, 'release'));
    expect(await h.balanceOf(h.paymentToken, other)).toBe(100n * USD);
    expect(await h.balanceOf(h.paymentToken, sale)).toBe(0n);
  });
});

describe('refund paths', () => {
  it('rejection by an admin returns the funds to the investor', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 300n * USD);
    const result = expectOk(await h.send('admin', escrow, escrowAbi, 'reject'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(300n * USD);
    const [event] = parseEventLogs({ abi: escrowAbi, logs: result.receipt.logs, eventName: 'Refunded' });
    expect(event!.args.reason).toBe(1);
  });

  it('rejection is admin-only and closes with the decision window', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 300n * USD);
    expectRevert(await h.send('operator', escrow, escrowAbi, 'reject'), 'NotAdmin');
    expectRevert(await h.send('alice', escrow, escrowAbi, 'reject'), 'NotAdmin');
    await h.setNextTimestamp((await createdAt(escrow)) + 14n * DAY + 1n);
    expectRevert(await h.send('admin', escrow, escrowAbi, 'reject'), 'DecisionWindowClosed');
  });

  it('manual refund by an admin records the reason code', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 300n * USD);
    const reason = pad(stringToHex('INVESTOR_CANCELLED'), { dir: 'right', size: 32 });
    expectRevert(await h.send('operator', escrow, escrowAbi, 'refundManually', [reason]), 'NotAdmin');
    const result = expectOk(await h.send('admin', escrow, escrowAbi, 'refundManually', [reason]));
    const [event] = parseEventLogs({ abi: escrowAbi, logs: result.receipt.logs, eventName: 'Refunded' });
    expect(event!.args).toMatchObject({ investor: h.addr.alice, amount: 300n * USD, reason: 3, reasonCode: reason });
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(300n * USD);
    expectRevert(await h.send('admin', escrow, escrowAbi, 'refundManually', [reason]), 'NotPending');
  });

  it('timeout refund: anyone, only after the deadline, and only ever to the investor', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 300n * USD);
    const deadline = (await createdAt(escrow)) + 14n * DAY;
    await h.setNextTimestamp(deadline - 1n);
    expectRevert(await h.send('carol', escrow, escrowAbi, 'refundAfterTimeout'), 'DecisionWindowOpen');
    await h.setNextTimestamp(deadline);
    expectRevert(await h.send('carol', escrow, escrowAbi, 'refundAfterTimeout'), 'DecisionWindowOpen');
    await h.setNextTimestamp(deadline + 1n);
    expectOk(await h.send('carol', escrow, escrowAbi, 'refundAfterTimeout'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(300n * USD);
    expect(await h.balanceOf(h.paymentToken, h.addr.carol)).toBe(0n);
    expectRevert(await h.send('carol', escrow, escrowAbi, 'refundAfterTimeout'), 'NotPending');
  });

  it('a released escrow cannot be refunded and a refunded one cannot be released', async () => {
    const a = await h.openEscrow(sale, 'alice', 100n * USD);
    expectOk(await h.send('operator', a.escrow, escrowAbi, 'release'));
    expectRevert(await h.send('admin', a.escrow, escrowAbi, 'refundManually', [pad('0x01')]), 'NotPending');
    const b = await h.openEscrow(sale, 'alice', 100n * USD);
    expectOk(await h.send('admin', b.escrow, escrowAbi, 'reject'));
    expectRevert(await h.send('operator', b.escrow, escrowAbi, 'release'), 'NotPending');
  });
});

describe('30-day maximum life', () => {
  it('the operator may extend the decision deadline up to exactly 30 days, not one second more', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 100n * USD);
    const start = await createdAt(escrow);
    expectRevert(await h.send('alice', escrow, escrowAbi, 'extendDecisionDeadline', [start + 20n * DAY]), 'NotOperator');
    expectRevert(await h.send('operator', escrow, escrowAbi, 'extendDecisionDeadline', [start + 30n * DAY + 1n]), 'InvalidDeadline');
    expectOk(await h.send('operator', escrow, escrowAbi, 'extendDecisionDeadline', [start + 30n * DAY]));
    expect(await h.read(escrow, escrowAbi, 'decisionDeadline')).toBe(start + 30n * DAY);
  });

  it('after an extension, release works one second before 30 days and timeout refund one second after', async () => {
    const a = await h.openEscrow(sale, 'alice', 100n * USD);
    const startA = await createdAt(a.escrow);
    expectOk(await h.send('operator', a.escrow, escrowAbi, 'extendDecisionDeadline', [startA + 30n * DAY]));
    await h.setNextTimestamp(startA + 30n * DAY - 1n);
    expectRevert(await h.send('bob', a.escrow, escrowAbi, 'refundAfterTimeout'), 'DecisionWindowOpen');
    expectOk(await h.send('operator', a.escrow, escrowAbi, 'release'));

    const b = await h.openEscrow(sale, 'alice', 100n * USD);
    const startB = await createdAt(b.escrow);
    expectOk(await h.send('operator', b.escrow, escrowAbi, 'extendDecisionDeadline', [startB + 30n * DAY]));
    await h.setNextTimestamp(startB + 30n * DAY + 1n);
    expectRevert(await h.send('operator', b.escrow, escrowAbi, 'release'), 'DecisionWindowClosed');
    expectOk(await h.send('bob', b.escrow, escrowAbi, 'refundAfterTimeout'));
    expect(await h.balanceOf(h.paymentToken, h.addr.alice)).toBe(100n * USD);
  });

  it('a lapsed deadline cannot be revived by extending it', async () => {
    const { escrow } = await h.openEscrow(sale, 'alice', 100n * USD);
    const start = await createdAt(escrow);
    await h.setNextTimestamp(start + 14n * DAY + 1n);
    expectRevert(await h.send('operator', escrow, escrowAbi, 'extendDecisionDeadline', [start + 20n * DAY]), 'DecisionWindowClosed');
  });
});
