// Property tests: random sequences over every contract and money path, checked against a reference
// model after every step. Four sales (plain ERC-20 with a pool, USDT-style token without return
// values, fee-on-transfer token, native ETH with reentrant investor contracts), escrows on each,
// pause/unpause, fee changes, cancellations, manual refunds, extensions, settlement with and without
// the issuer's tokens. Runs: INVARIANT_RUNS (default 24); seed: INVARIANT_SEED (printed either way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFunctionData, parseEventLogs, zeroAddress, type Address, type Hex } from 'viem';
import { abis, DAY, USD, expectOk, startHarness, type Actor, type Harness, type TxResult } from './support/harness';

const { escrowAbi, tokenSaleAbi, escrowFactoryAbi, poolAbi, tenantFactoryAbi, serviceAbi, reentrantInvestorAbi } = abis;
const RUNS = Number(process.env.INVARIANT_RUNS ?? 24);
const SEED = Number(process.env.INVARIANT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const EOAS = ['alice', 'bob', 'carol'] as const;
const HARD_CAP = 5_000n;
const MAX = 3_000n;
const MIN = 50n;
const BPS = 10_000n;

type SaleKind = 'erc20' | 'usdt' | 'fot' | 'eth';
const KINDS: SaleKind[] = ['erc20', 'usdt', 'fot', 'eth'];

type Action =
  | { kind: 'invest' | 'escrow'; sale: number; who: number; amount: bigint }
  | { kind: 'escrowAct'; escrow: number; act: 'release' | 'reject' | 'manual' | 'timeout' | 'extend' }
  | { kind: 'contribute' | 'withdraw'; who: number; amount: bigint }
  | { kind: 'poolInvest' | 'poolFinalize' | 'pause' | 'unpause' }
  | { kind: 'poolClaim'; who: number }
  | { kind: 'fee'; bps: number }
  | { kind: 'cancel' | 'settle' | 'payouts'; sale: number }
  | { kind: 'exit'; sale: number; who: number }
  | { kind: 'wait'; days: number };

const units = fc.integer({ min: 10, max: 2_600 }).map(BigInt);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('invest' as const), sale: fc.nat(3), who: fc.nat(2), amount: units }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('escrow' as const), sale: fc.nat(3), who: fc.nat(2), amount: units }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('escrowAct' as const), escrow: fc.nat(9), act: fc.constantFrom('release' as const, 'reject' as const, 'manual' as const, 'timeout' as const, 'extend' as const) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom('contribute' as const, 'withdraw' as const), who: fc.nat(2), amount: units }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('poolInvest' as const, 'poolFinalize' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('pause' as const, 'unpause' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('poolClaim' as const), who: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fee' as const), bps: fc.integer({ min: 0, max: 1_000 }) }) },
  // Sale 0 carries the pool, so it is picked more often for cancellation and settlement.
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'settle' as const, 'payouts' as const), sale: fc.oneof(fc.constant(0), fc.nat(3)) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exit' as const), sale: fc.nat(3), who: fc.nat(2) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 12 }) }) },
);

/** A third of the runs start from a pooled sale cancelled before the pool's lock, the state in which
 *  the audited Pool paid a member twice; the random actions then go on from there. */
const prelude: fc.Arbitrary<Action[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant([] as Action[]) },
  {
    weight: 1,
    arbitrary: fc.tuple(units, units).map(([x, y]): Action[] => [
      { kind: 'contribute', who: 0, amount: x },
      { kind: 'contribute', who: 1, amount: y },
      { kind: 'cancel', sale: 0 },
    ]),
  },
);

let h: Harness;
let tokens: Record<'usdt' | 'fot', Address>;
beforeAll(async () => {
  h = await startHarness();
  tokens = { usdt: await h.deploy('NoReturnToken', []), fot: await h.deploy('FeeOnTransferToken', []) };
});
afterAll(async () => h?.stop());

describe('money invariants under random sequences over every contract', () => {
  it(`holdings match the model, nobody is overpaid, caps hold, escrows end at investor or sale, nothing pays twice (${RUNS} runs, seed ${SEED})`, async () => {
    console.log(`invariants: ${RUNS} runs, seed ${SEED} (replay with INVARIANT_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(
        prelude,
        fc.array(action, { minLength: 4, maxLength: 24 }),
        fc.integer({ min: 500, max: 5_000 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        async (start, actions, softCapUnits, delivers) => {
          const snap = await h.snapshot();
          try {
            await runScenario([...start, ...actions], BigInt(softCapUnits), delivers);
          } finally {
            await h.revert(snap);
          }
        },
      ),
      // INVARIANT_PATH (printed as `path` with a failure) replays exactly the failing run.
      { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(process.env.INVARIANT_PATH ? { path: process.env.INVARIANT_PATH } : {}) },
    );
  }, 3_600_000);
});

type SaleModel = {
  kind: SaleKind;
  address: Address;
  currency: Address; // zeroAddress for ETH
  unit: bigint;
  saleToken: Address;
  rate: bigint;
  feeBps: bigint;
  shareBps: bigint;
  contributed: Map<Address, bigint>;
  raised: bigint;
  settled: boolean;
  payouts: Map<Address, bigint>;
  claimed: Set<Address>;
};
type EscrowModel = { address: Address; sale: SaleModel; investor: Address; amount: bigint; state: 'pending' | 'released' | 'refunded' };

async function runScenario(actions: Action[], softCapUnits: bigint, delivers: boolean[]): Promise<void> {
  const start = await h.now();
  const end = start + 40n * DAY;
  const feeBps = BigInt(await h.read<number>(h.system.service, serviceAbi, 'feeBps'));
  const shareBps = BigInt(await h.read<number>(h.system.service, serviceAbi, 'tenantShareBps'));

  // ETH investors are contracts, so their balances move only by what the sale and escrows pay them.
  const ethInvestors: Address[] = [];
  for (let i = 0; i < 3; i++) ethInvestors.push(await h.deploy('ReentrantInvestor', []));

  const sales: SaleModel[] = [];
  for (const kind of KINDS) {
    const currency = kind === 'erc20' ? h.paymentToken : kind === 'eth' ? zeroAddress : tokens[kind];
    const unit = kind === 'eth' ? 10n ** 12n : USD;
    const saleToken = await h.deploy('TestStablecoin', [`Deal ${kind}`, 'DEAL', 18]);
    const rate = kind === 'eth' ? 10n ** 24n : 10n ** 30n; // 1 deal token per 1 unit
    const address = await h.createSale({
      paymentToken: currency,
      saleToken,
      softCap: softCapUnits * unit,
      hardCap: HARD_CAP * unit,
      minInvestment: MIN * unit,
      maxInvestment: MAX * unit,
      endTime: end,
      tokensPerPaymentUnit: rate,
    });
    sales.push({ kind, address, currency, unit, saleToken, rate, feeBps, shareBps, contributed: new Map(), raised: 0n, settled: false, payouts: new Map(), claimed: new Set() });
  }
  const investorsOf = (s: SaleModel): Address[] => (s.kind === 'eth' ? ethInvestors : EOAS.map((e) => h.addr[e]));
  for (const s of sales) await h.allow(s.address, investorsOf(s));
  // The first ETH investor re-enters the sale's refund whenever it is paid.
  expectOk(await h.send('dave', ethInvestors[0]!, reentrantInvestorAbi, 'arm', [sales[3]!.address, encodeFunctionData({ abi: tokenSaleAbi, functionName: 'refund' })]));

  const poolRes = expectOk(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createPool', [sales[0]!.address, start + 20n * DAY]));
  const pool = parseEventLogs({ abi: tenantFactoryAbi, logs: poolRes.receipt.logs, eventName: 'PoolCreated' })[0]!.args.pool;
  const pm = { contributions: new Map<Address, bigint>(), total: 0n, invested: 0n, finalized: false, payment: 0n, tokens: 0n, claimedShares: 0n, claimed: new Set<Address>() };

  const escrows: EscrowModel[] = [];
  const minted = new Map<string, bigint>(); // `${investor}:${currency}` -> paid into the system from outside
  const mint = (who: Address, currency: Address, amount: bigint) => minted.set(`${who}:${currency}`, (minted.get(`${who}:${currency}`) ?? 0n) + amount);
  let paused = false;

  const balance = (token: Address, who: Address) => (token === zeroAddress ? h.publicClient.getBalance({ address: who }) : h.balanceOf(token, who));
  const fotReceived = (s: SaleModel, amount: bigint) => (s.kind === 'fot' ? amount - amount / 100n : amount);
  const get = (m: Map<Address, bigint>, k: Address) => m.get(k) ?? 0n;

  /** Sends as an EOA, or as an ETH investor contract through execute(). */
  async function act(s: SaleModel | undefined, who: Address, to: Address, abi: Parameters<Harness['send']>[2], fn: string, args: readonly unknown[] = [], value = 0n): Promise<TxResult> {
    if (s?.kind === 'eth' || ethInvestors.includes(who)) {
      const data = encodeFunctionData({ abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
      return h.send('dave', who, reentrantInvestorAbi, 'execute', [to, value, data], value);
    }
    return h.send(who, to, abi, fn, args, value);
  }
  async function fundFor(s: SaleModel, who: Address, spender: Address, amount: bigint): Promise<void> {
    if (s.kind === 'eth') return; // sent as value with the call
    await h.fund(who, amount, s.currency);
    expectOk(await h.send(who, s.currency, abis.testStablecoinAbi, 'approve', [spender, amount]));
  }

  const expectedSaleHoldings = (s: SaleModel) => (s.settled ? [...s.payouts.values()].reduce((a, b) => a + b, 0n) : [...s.contributed.values()].reduce((a, b) => a + b, 0n));
  const expectedPoolPayment = () => (pm.finalized ? pm.payment - (pm.total === 0n ? 0n : (pm.payment * pm.claimedShares) / pm.total) : pm.total - pm.invested);

  async function check(): Promise<void> {
    // 1. Holdings per contract equal the model's deposits − refunds − payouts, exactly.
    for (const s of sales) {
      expect(await balance(s.currency, s.address), `${s.kind} sale holdings`).toBe(expectedSaleHoldings(s));
      const raised = await h.read<bigint>(s.address, tokenSaleAbi, 'totalRaised');
      expect(raised).toBe(s.raised);
      expect(raised).toBeLessThanOrEqual(HARD_CAP * s.unit);
      for (const who of investorsOf(s)) {
        const direct = await h.read<bigint>(s.address, tokenSaleAbi, 'contributions', [who]);
        const pooled = await h.read<bigint>(s.address, tokenSaleAbi, 'pooledOf', [who]);
        expect(direct + pooled).toBeLessThanOrEqual(MAX * s.unit);
      }
    }
    for (const e of escrows) {
      expect(await balance(e.sale.currency, e.address), 'escrow holdings').toBe(e.state === 'pending' ? e.amount : 0n);
    }
    // The pool holds at least what its members are owed (mulDiv rounding may leave dust above it).
    const poolPayment = await h.balanceOf(h.paymentToken, pool);
    expect(poolPayment).toBeGreaterThanOrEqual(expectedPoolPayment());
    expect(poolPayment - expectedPoolPayment()).toBeLessThanOrEqual(3n);
    // 2. Nobody ends up with more than they put in, counting sale tokens at the sale price.
    for (const s of sales) {
      for (const who of investorsOf(s)) {
        let value = await balance(s.currency, who);
        for (const other of sales.filter((o) => o.currency === s.currency)) value += ((await h.balanceOf(other.saleToken, who)) * 10n ** 18n) / other.rate;
        expect(value, `${who} in ${s.kind}`).toBeLessThanOrEqual(minted.get(`${who}:${s.currency}`) ?? 0n);
      }
    }
  }

  async function step(a: Action): Promise<void> {
    if (a.kind === 'invest' || a.kind === 'escrow') {
      const s = sales[a.sale]!;
      const who = investorsOf(s)[a.who]!;
      const amount = a.amount * s.unit;
      const target = a.kind === 'invest' ? s.address : h.system.escrowFactory;
      await fundFor(s, who, target, amount);
      const value = s.kind === 'eth' ? amount : 0n;
      const r = a.kind === 'invest'
        ? await act(s, who, s.address, tokenSaleAbi, 'invest', [amount], value)
        : await act(s, who, h.system.escrowFactory, escrowFactoryAbi, 'createEscrow', [s.address, amount], value);
      if (r.receipt.status !== 'success') {
        if (s.kind !== 'eth') expectOk(await h.send(who, s.currency, abis.testStablecoinAbi, 'transfer', [h.addr.mallory, amount]));
        return;
      }
      mint(who, s.currency, amount);
      if (a.kind === 'invest') {
        const got = fotReceived(s, amount);
        s.contributed.set(who, get(s.contributed, who) + got);
        s.raised += got;
      } else {
        const escrow = parseEventLogs({ abi: escrowFactoryAbi, logs: r.receipt.logs, eventName: 'EscrowCreated' })[0]!.args.escrow;
        escrows.push({ address: escrow, sale: s, investor: who, amount, state: 'pending' });
      }
    } else if (a.kind === 'escrowAct') {
      const e = escrows[a.escrow % Math.max(escrows.length, 1)];
      if (!e) return;
      const [actor, fn, args]: [Actor, string, readonly unknown[]] =
        a.act === 'release' ? ['operator', 'release', []]
        : a.act === 'reject' ? ['admin', 'reject', []]
        : a.act === 'manual' ? ['admin', 'refundManually', [`0x${'02'.padStart(64, '0')}`]]
        : a.act === 'timeout' ? ['dave', 'refundAfterTimeout', []]
        : ['operator', 'extendDecisionDeadline', [(await h.now()) + 20n * DAY]];
      const r = await h.send(actor, e.address, escrowAbi, fn, args);
      if (r.receipt.status !== 'success' || a.act === 'extend') return;
      expect(e.state, 'a closed escrow moved money again').toBe('pending');
      if (a.act === 'release') {
        e.state = 'released';
        e.sale.contributed.set(e.investor, get(e.sale.contributed, e.investor) + e.amount);
        e.sale.raised += e.amount;
      } else {
        e.state = 'refunded';
      }
    } else if (a.kind === 'contribute' || a.kind === 'withdraw') {
      const s = sales[0]!;
      const who = h.addr[EOAS[a.who]!];
      const amount = a.amount * s.unit;
      if (a.kind === 'contribute') {
        await fundFor(s, who, pool, amount);
        const r = await h.send(who, pool, poolAbi, 'contribute', [amount]);
        if (r.receipt.status !== 'success') {
          expectOk(await h.send(who, s.currency, abis.testStablecoinAbi, 'transfer', [h.addr.mallory, amount]));
          return;
        }
        expect(pm.finalized, 'contribution accepted after finalize').toBe(false);
        mint(who, s.currency, amount);
        pm.contributions.set(who, get(pm.contributions, who) + amount);
        pm.total += amount;
      } else {
        // Withdraw at most what the model says the member has, so withdrawals usually go through
        // (and one after finalize, which must never pay, is tried often).
        const held = get(pm.contributions, who);
        const r = await h.send(who, pool, poolAbi, 'withdraw', [held > 0n && amount > held ? held : amount]);
        if (r.receipt.status !== 'success') return;
        expect(pm.finalized, 'withdrawal paid after finalize').toBe(false);
        const paid = held > 0n && amount > held ? held : amount;
        pm.contributions.set(who, held - paid);
        pm.total -= paid;
      }
    } else if (a.kind === 'poolInvest') {
      const r = await h.send('dave', pool, poolAbi, 'invest');
      if (r.receipt.status !== 'success') return;
      const amount = await h.read<bigint>(pool, poolAbi, 'investedAmount');
      expect(amount).toBeLessThanOrEqual(pm.total);
      pm.invested = amount;
      const s = sales[0]!;
      s.contributed.set(pool, get(s.contributed, pool) + amount);
      s.raised += amount;
    } else if (a.kind === 'poolFinalize') {
      const r = await h.send('dave', pool, poolAbi, 'finalize');
      if (r.receipt.status !== 'success') return;
      const s = sales[0]!;
      const status = await h.read<number>(s.address, tokenSaleAbi, 'status');
      pm.finalized = true;
      if (pm.invested > 0n && status === 3) {
        // The pool pulled its refund from the sale.
        s.contributed.set(pool, 0n);
        pm.payment = pm.total;
      } else {
        if (pm.invested > 0n) s.claimed.add(pool);
        pm.payment = pm.total - pm.invested;
      }
      pm.tokens = await h.read<bigint>(pool, poolAbi, 'tokensToDistribute');
    } else if (a.kind === 'poolClaim') {
      const who = h.addr[EOAS[a.who]!];
      const r = await h.send(who, pool, poolAbi, 'claim');
      if (r.receipt.status !== 'success') return;
      expect(pm.claimed.has(who), 'pool paid a member twice').toBe(false);
      pm.claimed.add(who);
      pm.claimedShares += get(pm.contributions, who);
    } else if (a.kind === 'pause' || a.kind === 'unpause') {
      const r = await h.send(a.kind === 'pause' ? 'operator' : 'admin', h.system.service, serviceAbi, a.kind);
      if (r.receipt.status === 'success') paused = a.kind === 'pause';
    } else if (a.kind === 'fee') {
      expectOk(await h.send('admin', h.system.service, serviceAbi, 'setFeeBps', [a.bps]));
    } else if (a.kind === 'cancel') {
      await h.send('operator', sales[a.sale]!.address, tokenSaleAbi, 'cancel');
    } else if (a.kind === 'settle') {
      await settle(sales[a.sale]!, delivers[a.sale]!);
    } else if (a.kind === 'payouts') {
      await withdrawPayouts(sales[a.sale]!);
    } else if (a.kind === 'exit') {
      const s = sales[a.sale]!;
      await exit(s, investorsOf(s)[a.who]!);
    } else if (a.kind === 'wait') {
      await h.increaseTime(BigInt(a.days) * DAY);
    }
  }

  async function settle(s: SaleModel, deliver: boolean): Promise<void> {
    if (deliver) await h.fund(s.address, (s.raised * s.rate) / 10n ** 18n, s.saleToken);
    const r = await h.send('dave', s.address, tokenSaleAbi, 'settle');
    if (r.receipt.status !== 'success') return;
    expect(s.settled, 'settled twice').toBe(false);
    s.settled = true;
    // The fee fixed when the sale was created, whatever the Service says now.
    const fee = (s.raised * s.feeBps) / BPS;
    const tenantFee = (fee * s.shareBps) / BPS;
    s.payouts.set(h.addr.feeRecipient, fee - tenantFee);
    s.payouts.set(h.addr.tenantTreasury, tenantFee);
    s.payouts.set(h.addr.issuer, s.raised - fee);
  }

  async function withdrawPayouts(s: SaleModel): Promise<void> {
    for (const [payee, owed] of s.payouts) {
      const r = await h.send('dave', s.address, tokenSaleAbi, 'withdrawPayout', [payee]);
      if (r.receipt.status === 'success') {
        expect(owed, 'payout paid twice').toBeGreaterThan(0n);
        s.payouts.set(payee, 0n);
      }
    }
  }

  /** Claim if settled, refund otherwise; whichever the contract allows must match the model. */
  async function exit(s: SaleModel, who: Address): Promise<void> {
    const fn = s.settled ? 'claim' : 'refund';
    const r = await act(s, who, s.address, tokenSaleAbi, fn);
    if (r.receipt.status !== 'success') return;
    if (s.settled) {
      expect(s.claimed.has(who), 'claimed twice').toBe(false);
      expect(get(s.contributed, who), 'claim without a contribution').toBeGreaterThan(0n);
      s.claimed.add(who);
    } else {
      const owed = get(s.contributed, who);
      expect(owed, 'refund without a contribution').toBeGreaterThan(0n);
      s.contributed.set(who, 0n);
      // The reentrant investor's nested refund must not have paid a second time.
      if (who === ethInvestors[0]) expect(await h.read<boolean>(who, reentrantInvestorAbi, 'reentrySucceeded')).toBe(false);
    }
  }

  // The armed investor re-enters the ETH sale's refund the first time it is paid. Outside the sale's
  // own refund that nested refund may be legitimate (the sale failed); the model then records it.
  let reentryRecorded = false;
  const recordReentry = async () => {
    if (reentryRecorded || !(await h.read<boolean>(ethInvestors[0]!, reentrantInvestorAbi, 'reentrySucceeded'))) return;
    reentryRecorded = true;
    sales[3]!.contributed.set(ethInvestors[0]!, 0n);
  };

  for (const a of actions) {
    if (process.env.INVARIANT_DEBUG) console.log(JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    await step(a);
    await recordReentry();
    await check();
  }

  // Resolution: unpause, let the sale end, settle what the issuer delivers for, let every deadline
  // lapse, then everyone takes what they are owed and nothing is left but pool rounding dust.
  if (paused) expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
  const now = await h.now();
  if (now <= end) await h.increaseTime(end - now + 1n);
  for (const [i, s] of sales.entries()) {
    if (!s.settled && (await h.read<number>(s.address, tokenSaleAbi, 'status')) === 2 && delivers[i]) await settle(s, true);
  }
  await h.increaseTime(31n * DAY);
  for (const e of escrows) {
    const r = await h.send('dave', e.address, escrowAbi, 'refundAfterTimeout');
    if (r.receipt.status === 'success') {
      expect(e.state).toBe('pending');
      e.state = 'refunded';
      await recordReentry();
    }
    expect(e.state, 'escrow left pending').not.toBe('pending');
    expect((await h.send('dave', e.address, escrowAbi, 'refundAfterTimeout')).receipt.status).toBe('reverted');
  }
  await check();
  if (!pm.finalized) await step({ kind: 'poolFinalize' });
  expect(pm.finalized, 'pool could not finalize').toBe(true);
  for (const [i] of EOAS.entries()) await step({ kind: 'poolClaim', who: i });
  for (const s of sales) {
    for (const who of investorsOf(s)) await exit(s, who);
    await withdrawPayouts(s);
  }
  await check();
  for (const s of sales) {
    expect(await balance(s.currency, s.address), `${s.kind} sale left money behind`).toBe(0n);
    const status = await h.read<number>(s.address, tokenSaleAbi, 'status');
    for (const who of investorsOf(s)) {
      const tokensGot = await h.balanceOf(s.saleToken, who);
      const fromPool = s.kind === 'erc20' && pm.total > 0n ? (pm.tokens * get(pm.contributions, who)) / pm.total : 0n;
      if (s.settled) expect(tokensGot).toBe(((await h.read<bigint>(s.address, tokenSaleAbi, 'contributions', [who])) * s.rate) / 10n ** 18n + fromPool);
      else expect(status).toBe(3);
      // A second claim or refund always reverts.
      expect((await act(s, who, s.address, tokenSaleAbi, s.settled ? 'claim' : 'refund')).receipt.status).toBe('reverted');
    }
    if (s.kind !== 'fot') {
      // Every investor holds exactly what they paid in minus what stayed invested in a settled sale:
      // refunded escrows, refunds and the pool's payment share all reached them (the FOT token burns
      // 1% per transfer, so it is held to the inequality above only).
      for (const who of investorsOf(s)) {
        const share = s.kind === 'erc20' ? get(pm.contributions, who) : 0n;
        const poolBack = share > 0n ? (pm.payment * share) / pm.total : 0n;
        expect(await balance(s.currency, who), `${s.kind} investor wallet`).toBe((minted.get(`${who}:${s.currency}`) ?? 0n) - get(s.contributed, who) - share + poolBack);
      }
    }
  }
  for (const who of EOAS) expect((await h.send(who, pool, poolAbi, 'claim')).receipt.status).toBe('reverted');
  expect(await h.balanceOf(h.paymentToken, pool)).toBeLessThanOrEqual(3n);
}
