// Property tests: random sequences of escrow/invest/release/refund/claim against one sale, with
// the money invariants checked after every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEventLogs, type Address } from 'viem';
import { abis, DAY, USD, type Actor, expectOk, startHarness, type Harness } from './support/harness';

const { escrowAbi, tokenSaleAbi, escrowFactoryAbi } = abis;
const INVESTORS = ['alice', 'bob', 'carol'] as const;
const HARD_CAP = 5_000n * USD;

type Action =
  | { kind: 'openEscrow'; who: number; amount: bigint }
  | { kind: 'invest'; who: number; amount: bigint }
  | { kind: 'release' | 'reject' | 'timeout'; escrow: number }
  | { kind: 'wait'; days: number };

const amount = fc.integer({ min: 50, max: 2_500 }).map((n) => BigInt(n) * USD);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('openEscrow' as const), who: fc.nat(2), amount }),
  fc.record({ kind: fc.constant('invest' as const), who: fc.nat(2), amount }),
  fc.record({ kind: fc.constantFrom('release' as const, 'reject' as const, 'timeout' as const), escrow: fc.nat(7) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 16 }) }),
);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('money invariants under random sequences', () => {
  it('escrows + sale hold exactly deposits − refunds − settlement payouts; nobody is overpaid; the hard cap holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 10 }), fc.integer({ min: 1_000, max: 5_000 }), async (actions, softCapUsd) => {
        const snap = await h.snapshot();
        try {
          await runScenario(actions, BigInt(softCapUsd) * USD);
        } finally {
          await h.revert(snap);
        }
      }),
      { numRuns: 12 },
    );
  });
});

async function runScenario(actions: Action[], softCap: bigint): Promise<void> {
  const start = await h.now();
  const sale = await h.createSale({ softCap, hardCap: HARD_CAP, minInvestment: 50n * USD, maxInvestment: 3_000n * USD, endTime: start + 40n * DAY });
  await h.allow(sale, INVESTORS.map((i) => h.addr[i]));
  const escrows: Address[] = [];
  const paidIn = new Map<Actor, bigint>(INVESTORS.map((i) => [i, 0n]));
  let deposited = 0n;
  let refunded = 0n;
  let settledOut = 0n;

  const held = async () => {
    let sum = await h.balanceOf(h.paymentToken, sale);
    for (const e of escrows) sum += await h.balanceOf(h.paymentToken, e);
    return sum;
  };
  const check = async () => {
    expect(await held()).toBe(deposited - refunded - settledOut);
    expect(await h.read<bigint>(sale, tokenSaleAbi, 'totalRaised')).toBeLessThanOrEqual(HARD_CAP);
  };
  const refundedIn = (logs: Parameters<typeof parseEventLogs>[0]['logs']) =>
    parseEventLogs({ abi: escrowAbi, logs, eventName: 'Refunded' }).reduce((s, e) => s + e.args.amount, 0n);

  for (const a of actions) {
    if (a.kind === 'openEscrow' || a.kind === 'invest') {
      const who = INVESTORS[a.who]!;
      await h.fund(who, a.amount);
      const spender = a.kind === 'invest' ? sale : h.system.escrowFactory;
      await h.approve(who, spender, a.amount);
      const r =
        a.kind === 'invest'
          ? await h.send(who, sale, tokenSaleAbi, 'invest', [a.amount])
          : await h.send(who, h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [sale, a.amount]);
      if (r.receipt.status === 'success') {
        deposited += a.amount;
        paidIn.set(who, paidIn.get(who)! + a.amount);
        const created = parseEventLogs({ abi: escrowFactoryAbi, logs: r.receipt.logs, eventName: 'EscrowCreated' });
        if (created[0]) escrows.push(created[0].args.escrow);
      } else {
        // Unspent mint: take it out of the investor's hands so balances reflect only what was owed back.
        expectOk(await h.send(who, h.paymentToken, abis.testStablecoinAbi, 'transfer', [h.addr.dave, a.amount]));
      }
    } else if (a.kind === 'wait') {
      await h.increaseTime(BigInt(a.days) * DAY);
    } else {
      const escrow = escrows[a.escrow % Math.max(escrows.length, 1)];
      if (!escrow) continue;
      const [actor, fn] = a.kind === 'release' ? ['operator', 'release'] : a.kind === 'reject' ? ['admin', 'reject'] : ['dave', 'refundAfterTimeout'];
      const r = await h.send(actor as Actor, escrow, escrowAbi, fn);
      if (r.receipt.status === 'success') refunded += refundedIn(r.receipt.logs);
    }
    await check();
  }

  // Close the sale and let everyone take what they are owed.
  await h.increaseTime(45n * DAY);
  for (const e of escrows) {
    const r = await h.send('dave', e, escrowAbi, 'refundAfterTimeout');
    if (r.receipt.status === 'success') refunded += refundedIn(r.receipt.logs);
  }
  const raised = await h.read<bigint>(sale, tokenSaleAbi, 'totalRaised');
  const succeeded = (await h.read<number>(sale, tokenSaleAbi, 'status')) === 2;
  if (succeeded) {
    await h.fund(sale, (raised * 10n ** 30n) / 10n ** 18n, h.saleToken);
    expectOk(await h.send('dave', sale, tokenSaleAbi, 'settle'));
    for (const payee of [h.addr.feeRecipient, h.addr.tenantTreasury, h.addr.issuer]) {
      expectOk(await h.send('dave', sale, tokenSaleAbi, 'withdrawPayout', [payee]));
    }
    settledOut += raised;
  }
  await check();
  for (const who of INVESTORS) {
    const contribution = await h.read<bigint>(sale, tokenSaleAbi, 'contributions', [h.addr[who]]);
    const r = await h.send(who, sale, tokenSaleAbi, succeeded ? 'claim' : 'refund');
    if (!succeeded && r.receipt.status === 'success') refunded += contribution;
    await check();
    const paymentBack = await h.balanceOf(h.paymentToken, h.addr[who]);
    expect(paymentBack).toBeLessThanOrEqual(paidIn.get(who)!);
    expect(await h.balanceOf(h.saleToken, h.addr[who])).toBe(succeeded ? (contribution * 10n ** 30n) / 10n ** 18n : 0n);
    // Nothing is owed twice.
    const again = await h.send(who, sale, tokenSaleAbi, succeeded ? 'claim' : 'refund');
    expect(again.receipt.status).toBe('reverted');
  }
  if (!succeeded) expect(await held()).toBe(0n);
}
