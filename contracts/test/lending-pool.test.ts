// LendingPool: the kinked rate at exactly the kink, health exactly 1, stale prices refused, roles and
// pause; then random command sequences (supply/withdraw/collateral/borrow/repay/accrue by time-warp/
// price moves/liquidate) against a bigint model that rounds as Solidity does, checked after every step.
// Runs: LENDING_RUNS (default 12); seed: LENDING_SEED (printed either way).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Address, Hex } from 'viem';
import { abis, DAY, TOKEN, USD, expectOk, expectRevert, startHarness, type Actor, type Harness, type TxResult } from './support/harness';
import { LendingModel, ModelRevert, WAD, YEAR, mulDiv, type LendingTerms } from './support/lending-model';
import { dealTerms, defaultLendingTerms, deployLendingPool, initialCollaterals, lendingParams, listCollateral, wethTerms } from './support/lending';

const { lendingPoolAbi, lendingPoolDeployerAbi, tenantFactoryAbi, testPriceFeedAbi, testStablecoinAbi, serviceAbi } = abis;
const RUNS = Number(process.env.LENDING_RUNS ?? 12);
const SEED = Number(process.env.LENDING_SEED ?? Math.floor(Math.random() * 2 ** 31));
const LENDERS = ['alice', 'bob'] as const;
const BORROWERS = ['carol', 'dave'] as const;
const LIQUIDATOR = 'mallory' as const;
const MAX = 2n ** 256n - 1n;

const terms = defaultLendingTerms;
const FEED_UNIT = 10n ** 8n;
/** Asset base units per collateral base unit times 1e18, for `usd` dollars per whole 18-decimal token. */
const priceOfUsd = (usdMicros: bigint) => usdMicros; // (usd * 1e6) * 1e18 / 1e18
const feedToPrice = (answer: bigint) => mulDiv(answer, WAD * USD, FEED_UNIT * TOKEN);

let h: Harness;
let snap: Hex;
let asset: Address;
let deal: Address;
let weth: Address;
let feed: Address;

beforeAll(async () => {
  h = await startHarness();
  asset = h.paymentToken; // 6 decimals
  deal = h.saleToken; // 18 decimals
  weth = await h.deploy('TestStablecoin', ['Wrapped Ether', 'WETH', 18]);
  feed = await h.deploy('TestPriceFeed', [8]);
  for (const who of LENDERS) await h.fund(who, 10n ** 14n);
  for (const who of BORROWERS) {
    await h.fund(who, 10n ** 12n);
    await h.fund(who, 10n ** 26n, deal);
    await h.fund(who, 10n ** 24n, weth);
  }
  await h.fund(LIQUIDATOR, 10n ** 15n);
}, 120_000);
afterAll(async () => h?.stop());

const tokens = () => [deal, weth] as const;

/** Opened through the demo tenant's factory, then both collaterals listed by the tenant admin. */
async function openPool(t: LendingTerms = terms): Promise<{ pool: Address; m: LendingModel }> {
  const pool = await deployLendingPool(h, asset, `0x${'1b'.repeat(32)}`, t);
  const m = new LendingModel(t, await read(pool, 'lastAccrual'));
  await listCollateral(h, pool, deal, dealTerms);
  m.listCollateral(deal, dealTerms);
  await listCollateral(h, pool, weth, wethTerms, feed);
  m.listCollateral(weth, wethTerms);
  for (const who of [...LENDERS, ...BORROWERS, LIQUIDATOR] as Actor[]) await h.approve(who, pool, MAX);
  for (const who of BORROWERS) {
    await h.approve(who, pool, MAX, deal);
    await h.approve(who, pool, MAX, weth);
  }
  return { pool, m };
}

const read = <T = bigint>(pool: Address, fn: string, args: readonly unknown[] = []) => h.read<T>(pool, lendingPoolAbi, fn, args);

async function sendAt(at: bigint, from: Actor, to: Address, fn: string, args: readonly unknown[] = []): Promise<TxResult> {
  await h.setNextTimestamp(at);
  return h.send(from, to, lendingPoolAbi, fn, args);
}

/** Sets both collaterals' prices at `at` (DEAL by the operator, WETH on its feed), in chain and model. */
async function setPrices(pool: Address, m: LendingModel, at: bigint, dealPrice: bigint, wethAnswer: bigint): Promise<void> {
  await h.setNextTimestamp(at);
  expectOk(await h.send('admin', feed, testPriceFeedAbi, 'setAnswer', [wethAnswer, at]));
  expectOk(await h.send('operator', pool, lendingPoolAbi, 'setPrice', [deal, dealPrice]));
  m.setPrice(deal, dealPrice, at);
  m.setPrice(weth, feedToPrice(wethAnswer), at);
}

/** Alice supplies $10,000; carol posts one whole DEAL at $1,000 (so its price is the collateral value)
 *  and borrows $700, her whole borrow capacity: chain and model alike, at `t`. */
async function oneDealPosition(pool: Address, m: LendingModel, t: bigint): Promise<void> {
  await setPrices(pool, m, t, 1_000n * USD, 3_000n * FEED_UNIT);
  expectOk(await sendAt(t, 'alice', pool, 'supply', [10_000n * USD]));
  m.supply(h.addr.alice, 10_000n * USD, t);
  expectOk(await sendAt(t, 'carol', pool, 'depositCollateral', [deal, TOKEN]));
  m.depositCollateral(h.addr.carol, deal, TOKEN);
  expectOk(await sendAt(t, 'carol', pool, 'borrow', [700n * USD]));
  m.borrow(h.addr.carol, 700n * USD, t);
}

describe('LendingPool', () => {
  beforeEach(async () => {
    snap = await h.snapshot();
  });
  afterEach(async () => h.revert(snap));

  it('stays well under the 24,576-byte contract size limit', () => {
    const runtime = (h.artifact('LendingPool').deployedBytecode.length - 2) / 2;
    expect(runtime).toBeLessThan(24_576);
  });

  it('opens only through its tenant factory, by that tenant operator, with its first collaterals listed and priced in the same transaction', async () => {
    const params = lendingParams(asset, `0x${'2a'.repeat(32)}`);
    const initial = initialCollaterals([{ token: deal, terms: dealTerms, price: 1_000n * USD }]);
    expectRevert(await h.send('mallory', h.tenantFactory, tenantFactoryAbi, 'createLendingPool', [params, initial]), 'NotOperator');
    expectRevert(await h.send('otherOperator', h.tenantFactory, tenantFactoryAbi, 'createLendingPool', [params, initial]), 'NotOperator');
    // The shared deployer builds only pools that name their caller as factory.
    const deployer = h.system.lendingPoolDeployer;
    const config = { service: h.system.service, factory: h.tenantFactory, tenantId: `0x${'ab'.repeat(32)}`, treasury: h.addr.mallory, ...params };
    expectRevert(await h.send('mallory', deployer, lendingPoolDeployerAbi, 'deployLendingPool', [config, initial]), 'FactoryMismatch');

    const pool = await deployLendingPool(h, asset, params.poolId, terms, [{ token: deal, terms: dealTerms, price: 1_000n * USD }]);
    expect(await h.read(h.tenantFactory, tenantFactoryAbi, 'isLendingPool', [pool])).toBe(true);
    expect(await read(pool, 'factory')).toBe(h.tenantFactory);
    expect(await read(pool, 'treasury')).toBe(h.addr.tenantTreasury);
    expect(await read(pool, 'collateralCount')).toBe(1n);
    expect(await read(pool, 'priceOf', [deal])).toBe(1_000n * USD);
    // A bad collateral term refuses the whole creation: no half-configured pool.
    const bad = initialCollaterals([{ token: deal, terms: { ...dealTerms, ltvBps: 9_000n } }]);
    expectRevert(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createLendingPool', [params, bad]), 'InvalidConfig');
  });

  it('charges base + slope1 at exactly the kink and starts slope2 one step above it, indexes as the model says', async () => {
    const { pool, m } = await openPool();
    let t = (await h.now()) + 10n;
    await setPrices(pool, m, t, priceOfUsd(2n * USD), 3_000n * FEED_UNIT);
    expectOk(await sendAt(t, 'alice', pool, 'supply', [1_000n * USD]));
    m.supply(h.addr.alice, 1_000n * USD, t);
    expectOk(await sendAt(t, 'carol', pool, 'depositCollateral', [deal, 10_000n * TOKEN]));
    m.depositCollateral(h.addr.carol, deal, 10_000n * TOKEN);
    expectOk(await sendAt(t, 'carol', pool, 'borrow', [800n * USD]));
    m.borrow(h.addr.carol, 800n * USD, t);
    expect(await read(pool, 'utilisation')).toBe(terms.optimalUtilisation);
    expect(await read(pool, 'borrowRate')).toBe(terms.baseRate + terms.slope1);
    expect(m.borrowRate()).toBe(terms.baseRate + terms.slope1);
    // One more unit borrowed: above the kink, slope2 applies (rounded up, in the pool's favour).
    const s = await h.snapshot();
    expectOk(await sendAt(t, 'carol', pool, 'borrow', [1n]));
    const above = await read(pool, 'borrowRate');
    expect(above).toBeGreaterThan(terms.baseRate + terms.slope1);
    const u = await read(pool, 'utilisation');
    expect(above).toBe(terms.baseRate + terms.slope1 + mulDiv(terms.slope2, u - terms.optimalUtilisation, WAD - terms.optimalUtilisation, true));
    await h.revert(s);

    // A year at the kink rate: interest, indexes and reserves equal the model's to the unit.
    t += YEAR;
    await h.setNextTimestamp(t);
    expectOk(await h.send('bob', pool, lendingPoolAbi, 'accrue'));
    m.accrue(t);
    expect(await read(pool, 'totalBorrows')).toBe(m.totalBorrows);
    expect(m.totalBorrows).toBe(800n * USD + 96n * USD); // 12% of 800
    expect(await read(pool, 'borrowIndex')).toBe(m.borrowIndex);
    expect(await read(pool, 'supplyIndex')).toBe(m.supplyIndex);
    expect(await read(pool, 'totalReserves')).toBe(m.totalReserves);
    expect(m.totalReserves).toBe(9_600_000n); // 10% of the interest
    expect(await read(pool, 'debtOf', [h.addr.carol])).toBe(m.debtOf(h.addr.carol));
    expect(await read(pool, 'balanceOf', [h.addr.alice])).toBe(m.balanceOf(h.addr.alice));
    expect(m.balanceOf(h.addr.alice)).toBe(1_000n * USD + 86_400_000n); // 90% of the interest (divides exactly here)
  });

  it('refuses to liquidate at exactly health 1 and liquidates one unit of collateral value below it', async () => {
    const { pool, m } = await openPool();
    let t = (await h.now()) + 10n;
    await oneDealPosition(pool, m, t);
    expectRevert(await sendAt(t, 'carol', pool, 'borrow', [1n]), 'InsufficientCollateral');
    // The price at which the liquidation capacity (value * 80%, rounded down) is exactly the debt the
    // liquidation will see, interest to that second included; and one unit of value below it.
    const debtAt = (at: bigint) => {
      const probe = m.clone();
      probe.accrue(at);
      return probe.debtOf(h.addr.carol);
    };
    const exactPrice = (debt: bigint) => mulDiv(debt, 10_000n, dealTerms.liquidationThresholdBps, true);
    t += 2n;
    await setPrices(pool, m, t - 1n, exactPrice(debtAt(t)), 3_000n * FEED_UNIT);
    const probe = m.clone();
    probe.accrue(t);
    expect(probe.healthFactor(h.addr.carol, t)).toBe(WAD);
    expectRevert(await sendAt(t, LIQUIDATOR, pool, 'liquidate', [h.addr.carol, deal, MAX]), 'Healthy');
    expectOk(await sendAt(t, 'bob', pool, 'accrue'));
    m.accrue(t);
    expect(await read(pool, 'healthFactor', [h.addr.carol])).toBe(WAD);

    t += 2n;
    await setPrices(pool, m, t - 1n, exactPrice(debtAt(t)) - 1n, 3_000n * FEED_UNIT);
    const before = await h.balanceOf(deal, h.addr.mallory);
    expectOk(await sendAt(t, LIQUIDATOR, pool, 'liquidate', [h.addr.carol, deal, MAX]));
    const r = m.liquidate(h.addr.carol, deal, MAX, t);
    expect(await h.balanceOf(deal, h.addr.mallory)).toBe(before + r.seized);
    expect(await read(pool, 'debtOf', [h.addr.carol])).toBe(m.debtOf(h.addr.carol));
    expect(await read(pool, 'healthFactor', [h.addr.carol])).toBe(m.healthFactor(h.addr.carol, t));
    expect(m.healthFactor(h.addr.carol, t)).toBeGreaterThanOrEqual(WAD);
  });

  it('takes all the collateral of a position worth less than its debt plus the bonus, charging only its value less the bonus; the rest stays owed', async () => {
    const { pool, m } = await openPool();
    let t = (await h.now()) + 10n;
    await oneDealPosition(pool, m, t);
    // DEAL crashes to $300: 1 DEAL no longer covers half the debt plus 5%.
    t += 1n;
    await setPrices(pool, m, t, 300n * USD, 3_000n * FEED_UNIT);
    t += 1n;
    const r = m.liquidate(h.addr.carol, deal, MAX, t);
    expect(r.seized).toBe(TOKEN);
    expect(r.repaid).toBe(mulDiv(TOKEN, 300n * USD * 10_000n, WAD * 10_500n, true)); // $285.71..., rounded up
    const before = { asset: await h.balanceOf(asset, h.addr.mallory), deal: await h.balanceOf(deal, h.addr.mallory) };
    expectOk(await sendAt(t, LIQUIDATOR, pool, 'liquidate', [h.addr.carol, deal, MAX]));
    expect(await h.balanceOf(asset, h.addr.mallory)).toBe(before.asset - r.repaid);
    expect(await h.balanceOf(deal, h.addr.mallory)).toBe(before.deal + TOKEN);
    expect(await read(pool, 'collateralOf', [h.addr.carol, deal])).toBe(0n);
    expect(await read(pool, 'debtOf', [h.addr.carol])).toBe(m.debtOf(h.addr.carol));
    expect(m.debtOf(h.addr.carol)).toBeGreaterThan(400n * USD);
    // Nothing left to seize: a further liquidation takes nothing and is refused.
    expectRevert(await sendAt(t + 1n, LIQUIDATOR, pool, 'liquidate', [h.addr.carol, deal, MAX]), 'ZeroAmount');
    expect(await read(pool, 'healthFactor', [h.addr.carol])).toBe(0n);
  });

  it('refuses a price one second past its maximum age, from the operator and from the feed', async () => {
    const { pool, m } = await openPool();
    const t = (await h.now()) + 10n;
    await setPrices(pool, m, t, priceOfUsd(USD), 3_000n * FEED_UNIT);
    expectOk(await sendAt(t, 'alice', pool, 'supply', [10_000n * USD]));
    expectOk(await sendAt(t, 'carol', pool, 'depositCollateral', [weth, TOKEN]));
    expectOk(await sendAt(t, 'dave', pool, 'depositCollateral', [deal, 1_000n * TOKEN]));
    // WETH's feed: exactly 1 hour old is accepted, one second more refused.
    expectOk(await sendAt(t + wethTerms.maxPriceAge, 'carol', pool, 'borrow', [100n * USD]));
    expectRevert(await sendAt(t + wethTerms.maxPriceAge + 1n, 'carol', pool, 'borrow', [100n * USD]), 'StalePrice');
    // DEAL's operator price: exactly 1 day old accepted, one second more refused.
    expectOk(await sendAt(t + DAY, 'dave', pool, 'borrow', [100n * USD]));
    expectRevert(await sendAt(t + DAY + 1n, 'dave', pool, 'borrow', [1n]), 'StalePrice');
    expectRevert(await sendAt(t + DAY + 1n, 'dave', pool, 'withdrawCollateral', [deal, 1n]), 'StalePrice');
    // Repaying needs no price.
    expectOk(await sendAt(t + DAY + 2n, 'dave', pool, 'repay', [h.addr.dave, MAX]));
    expect(await read(pool, 'debtOf', [h.addr.dave])).toBe(0n);
    // A feed with a non-positive answer is refused too.
    await h.setNextTimestamp(t + DAY + 3n);
    expectOk(await h.send('admin', feed, testPriceFeedAbi, 'setAnswer', [0n, t + DAY + 3n]));
    expectRevert(await sendAt(t + DAY + 3n, 'carol', pool, 'borrow', [1n]), 'BadPrice');
  });

  it('keeps roles to the tenant, pauses all but repayments and collateral deposits, sends reserves to the treasury', async () => {
    const { pool } = await openPool();
    const t = (await h.now()) + 10n;
    expectRevert(await sendAt(t, 'mallory', pool, 'setPrice', [deal, 1n]), 'NotOperator');
    expectRevert(await sendAt(t, 'otherOperator', pool, 'setPrice', [deal, 1n]), 'NotOperator');
    expectRevert(await sendAt(t, 'operator', pool, 'setPaused', [true]), 'NotAdmin');
    expectRevert(await sendAt(t, 'mallory', pool, 'listCollateral', [weth, { ltvBps: 1, liquidationThresholdBps: 2, liquidationBonusBps: 0, maxPriceAge: 1, feed }]), 'NotAdmin');
    expectRevert(await sendAt(t, 'admin', pool, 'listCollateral', [weth, { ltvBps: 9_000, liquidationThresholdBps: 9_600, liquidationBonusBps: 500, maxPriceAge: 1, feed }]), 'InvalidConfig');
    expectOk(await sendAt(t, 'operator', pool, 'setPrice', [deal, priceOfUsd(USD)]));
    expectOk(await sendAt(t, 'alice', pool, 'supply', [1_000n * USD]));
    expectOk(await sendAt(t, 'carol', pool, 'depositCollateral', [deal, 1_000n * TOKEN]));
    expectOk(await sendAt(t, 'carol', pool, 'borrow', [500n * USD]));
    expectOk(await sendAt(t + 1n, 'admin', pool, 'setPaused', [true]));
    for (const [who, fn, args] of [
      ['alice', 'supply', [1n]],
      ['alice', 'withdraw', [1n]],
      ['carol', 'borrow', [1n]],
      ['carol', 'withdrawCollateral', [deal, 1n]],
      [LIQUIDATOR, 'liquidate', [h.addr.carol, deal, 1n]],
    ] as const) expectRevert(await sendAt(t + 2n, who, pool, fn, args), 'PoolPaused');
    expectOk(await sendAt(t + 2n, 'carol', pool, 'depositCollateral', [deal, TOKEN]));
    expectOk(await sendAt(t + 3n, 'carol', pool, 'repay', [h.addr.carol, 100n * USD]));
    expectOk(await sendAt(t + 4n, 'admin', pool, 'setPaused', [false]));
    // The platform's pause stops the pool as well.
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'pause'));
    expectRevert(await sendAt(t + 5n, 'carol', pool, 'borrow', [1n]), 'PoolPaused');
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));

    await h.increaseTime(YEAR);
    expectOk(await h.send('bob', pool, lendingPoolAbi, 'accrue'));
    const reserves = await read(pool, 'totalReserves');
    expect(reserves).toBeGreaterThan(0n);
    expectRevert(await h.send('operator', pool, lendingPoolAbi, 'withdrawReserves', [reserves]), 'NotAdmin');
    expectRevert(await h.send('admin', pool, lendingPoolAbi, 'withdrawReserves', [reserves * 2n]), 'InsufficientBalance');
    const before = await h.balanceOf(asset, h.addr.tenantTreasury);
    const r = expectOk(await h.send('admin', pool, lendingPoolAbi, 'withdrawReserves', [reserves]));
    expect(r.receipt.status).toBe('success');
    expect(await h.balanceOf(asset, h.addr.tenantTreasury)).toBe(before + reserves);
  });
});

// ---- random command sequences ----

type Cmd =
  | { kind: 'supply'; who: number; amount: bigint }
  | { kind: 'withdraw'; who: number; part: number }
  | { kind: 'deposit'; who: number; token: number; amount: bigint }
  | { kind: 'withdrawCollateral'; who: number; token: number; part: number }
  | { kind: 'borrow'; who: number; part: number }
  | { kind: 'repay'; who: number; part: number }
  | { kind: 'warp'; seconds: bigint; refresh: boolean }
  | { kind: 'price'; dealBps: number; wethBps: number }
  | { kind: 'crash'; who: number; healthBps: number }
  /** who 2: the borrower the last crash aimed at; token 2: whichever collateral the borrower holds. */
  | { kind: 'liquidate'; who: number; token: number }
  | { kind: 'reserves' }
  | { kind: 'pause' }
  | { kind: 'unpause' };

const who2 = fc.integer({ min: 0, max: 1 });
const part = fc.integer({ min: 0, max: 101 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('supply' as const), who: who2, amount: fc.bigInt({ min: 1n, max: 200_000n * USD }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('withdraw' as const), who: who2, part }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('deposit' as const), who: who2, token: who2, amount: fc.bigInt({ min: 1n, max: 100_000n * TOKEN }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('withdrawCollateral' as const), who: who2, token: who2, part }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('borrow' as const), who: who2, part: fc.oneof(part, fc.integer({ min: 90, max: 101 })) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('repay' as const), who: who2, part }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('warp' as const),
      seconds: fc.oneof(fc.bigInt({ min: 1n, max: 3_600n }), fc.bigInt({ min: 3_600n, max: 90n * DAY })),
      refresh: fc.boolean(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('price' as const), dealBps: fc.integer({ min: 3_000, max: 12_000 }), wethBps: fc.integer({ min: 3_000, max: 12_000 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('crash' as const), who: who2, healthBps: fc.integer({ min: 3_000, max: 10_500 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('liquidate' as const), who: who2, token: who2 }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('reserves' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pause' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unpause' as const) }), weight: 3 },
);

describe('LendingPool under random command sequences', () => {
  it(`balances, debts, indexes and the books equal the model's; indexes never decrease; liquidations leave no position below health 1 that still has collateral (${RUNS} runs, seed ${SEED})`, async () => {
    console.log(`lending invariants: ${RUNS} runs, seed ${SEED} (replay with LENDING_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 6, maxLength: 30 }), async (random) => {
        // Every sequence starts with money on both sides, so borrowing and liquidation get exercised.
        const cmds: Cmd[] = [
          { kind: 'supply', who: 0, amount: 100_000n * USD },
          { kind: 'supply', who: 1, amount: 50_000n * USD },
          { kind: 'deposit', who: 0, token: 0, amount: 10_000n * TOKEN },
          { kind: 'deposit', who: 1, token: 1, amount: 10n * TOKEN },
          // A crash is followed by an attempt to liquidate the borrower it aimed at.
          ...random.flatMap((c): Cmd[] => (c.kind === 'crash' ? [c, { kind: 'liquidate', who: 2, token: 2 }] : [c])),
        ];
        const s = await h.snapshot();
        try {
          await runSequence(cmds);
        } finally {
          await h.revert(s);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(process.env.LENDING_PATH ? { path: process.env.LENDING_PATH } : {}) },
    );
    console.log(`lending steps: ${JSON.stringify(Object.fromEntries([...stats].sort()))}`);
    expect(stats.get('borrow ok') ?? 0).toBeGreaterThan(0);
  }, 3_600_000);
});

/** What the sequences did, printed at the end so a run that exercised little shows it. */
const stats = new Map<string, number>();
const count = (k: string) => stats.set(k, (stats.get(k) ?? 0) + 1);

type Wallets = Map<string, bigint>; // `${token}:${user}` -> balance

async function runSequence(cmds: Cmd[]): Promise<void> {
  const opened = await openPool();
  const pool = opened.pool;
  let m = opened.m;
  let t = (await h.now()) + 1n;
  let dealPrice = priceOfUsd(2n * USD);
  let wethAnswer = 3_000n * FEED_UNIT;
  await setPrices(pool, m, t, dealPrice, wethAnswer);
  const lenders = LENDERS.map((w) => h.addr[w]);
  const borrowers = BORROWERS.map((w) => h.addr[w]);
  const wallets: Wallets = new Map();
  const key = (token: Address, u: Address) => `${token}:${u}`;
  for (const u of [...lenders, ...borrowers, h.addr.mallory, h.addr.tenantTreasury]) {
    for (const token of [asset, deal, weth]) wallets.set(key(token, u), await h.balanceOf(token, u));
  }
  const move = (token: Address, u: Address, delta: bigint) => wallets.set(key(token, u), wallets.get(key(token, u))! + delta);
  let paused = false;
  let crashed = 0;
  let steps = 0n;
  let prev = { borrowIndex: m.borrowIndex, supplyIndex: m.supplyIndex };

  for (const c of cmds) {
    t += 1n;
    if (c.kind === 'liquidate') {
      // Liquidators act on fresh prices: refresh them, so the rounds below see none go stale.
      await setPrices(pool, m, t, dealPrice, wethAnswer);
      t += 1n;
    }
    const before = m.clone();
    let tx: TxResult | undefined;
    let expected: string | undefined;
    try {
      switch (c.kind) {
        case 'supply': {
          const u = lenders[c.who]!;
          tx = await sendAt(t, LENDERS[c.who]!, pool, 'supply', [c.amount]);
          m.supply(u, c.amount, t);
          move(asset, u, -c.amount);
          break;
        }
        case 'withdraw': {
          const u = lenders[c.who]!;
          // Balance after accrual, from a copy of the model; 100 means "all", 101 one unit more than the balance.
          const probe = m.clone();
          probe.accrue(t);
          const bal = probe.balanceOf(u);
          const amount = c.part === 100 ? MAX : c.part === 101 ? bal + 1n : (bal * BigInt(c.part)) / 99n;
          tx = await sendAt(t, LENDERS[c.who]!, pool, 'withdraw', [amount]);
          move(asset, u, m.withdraw(u, amount, t));
          break;
        }
        case 'deposit': {
          const u = borrowers[c.who]!;
          const token = tokens()[c.token]!;
          tx = await sendAt(t, BORROWERS[c.who]!, pool, 'depositCollateral', [token, c.amount]);
          m.depositCollateral(u, token, c.amount);
          move(token, u, -c.amount);
          break;
        }
        case 'withdrawCollateral': {
          const u = borrowers[c.who]!;
          const token = tokens()[c.token]!;
          const held = m.collateral(u, token);
          const amount = c.part >= 100 ? held + BigInt(c.part - 100) : (held * BigInt(c.part)) / 99n;
          tx = await sendAt(t, BORROWERS[c.who]!, pool, 'withdrawCollateral', [token, amount]);
          m.withdrawCollateral(u, token, amount, t);
          move(token, u, amount);
          break;
        }
        case 'borrow': {
          const u = borrowers[c.who]!;
          // A share of the headroom left (accrued to now); 100 is exactly all of it, 101 one unit more.
          const probe = m.clone();
          probe.accrue(t);
          let room = 0n;
          try {
            const a = probe.accountOf(u, t);
            room = a.borrowCapacity > a.debt ? a.borrowCapacity - a.debt : 0n;
          } catch (err) {
            if (!(err instanceof ModelRevert)) throw err;
          }
          const amount = c.part === 101 ? room + 1n : (room * BigInt(c.part)) / 100n;
          tx = await sendAt(t, BORROWERS[c.who]!, pool, 'borrow', [amount]);
          m.borrow(u, amount, t);
          move(asset, u, amount);
          break;
        }
        case 'repay': {
          const u = borrowers[c.who]!;
          const probe = m.clone();
          probe.accrue(t);
          const debt = probe.debtOf(u);
          const amount = c.part >= 100 ? MAX : (debt * BigInt(c.part)) / 99n;
          tx = await sendAt(t, BORROWERS[c.who]!, pool, 'repay', [u, amount]);
          move(asset, u, -m.repay(u, amount, t));
          break;
        }
        case 'warp':
          t += c.seconds;
          if (c.refresh) await setPrices(pool, m, t, dealPrice, wethAnswer);
          else {
            await h.setNextTimestamp(t);
            await h.testClient.mine({ blocks: 1 });
          }
          break;
        case 'price':
          dealPrice = (dealPrice * BigInt(c.dealBps)) / 10_000n || 1n;
          wethAnswer = (wethAnswer * BigInt(c.wethBps)) / 10_000n || 1n;
          await setPrices(pool, m, t, dealPrice, wethAnswer);
          break;
        case 'crash': {
          // Both prices scaled so this borrower's (or, if they owe nothing, the other's) health lands near healthBps.
          const probe = m.clone();
          probe.accrue(t);
          crashed = probe.debtOf(borrowers[c.who]!) === 0n ? 1 - c.who : c.who;
          let health = 0n;
          try {
            health = probe.healthFactor(borrowers[crashed]!, t);
          } catch (err) {
            if (!(err instanceof ModelRevert)) throw err;
          }
          if (health !== 0n && health !== MAX) {
            const scale = (BigInt(c.healthBps) * WAD) / health; // in bps
            dealPrice = (dealPrice * scale) / 10_000n || 1n;
            wethAnswer = (wethAnswer * scale) / 10_000n || 1n;
          }
          await setPrices(pool, m, t, dealPrice, wethAnswer);
          break;
        }
        case 'liquidate': {
          const u = borrowers[c.who === 2 ? crashed : c.who]!;
          const token = c.token === 2 ? (tokens().find((tk) => m.collateral(u, tk) > 0n) ?? deal) : tokens()[c.token]!;
          tx = await sendAt(t, LIQUIDATOR, pool, 'liquidate', [u, token, MAX]);
          let r = m.liquidate(u, token, MAX, t);
          move(asset, h.addr.mallory, -r.repaid);
          move(token, h.addr.mallory, r.seized);
          expectOk(tx);
          // Keep liquidating (any collateral) while the position is below health 1 and has collateral.
          for (let round = 0; round < 40; round += 1) {
            const a = m.accountOf(u, t);
            if (a.liquidationCapacity >= a.debt) break;
            const next = tokens().find((tk) => m.collateral(u, tk) > 0n);
            if (!next) break;
            t += 1n;
            const probe = m.clone();
            try {
              r = probe.liquidate(u, next, MAX, t);
            } catch (err) {
              if (!(err instanceof ModelRevert)) throw err;
              // Nothing left to take at this price (a seizure rounding to zero): the chain must agree.
              expectRevert(await sendAt(t, LIQUIDATOR, pool, 'liquidate', [u, next, MAX]), err.message);
              break;
            }
            expectOk(await sendAt(t, LIQUIDATOR, pool, 'liquidate', [u, next, MAX]));
            m = probe;
            count('liquidate round ok');
            move(asset, h.addr.mallory, -r.repaid);
            move(next, h.addr.mallory, r.seized);
          }
          const after = m.accountOf(u, t);
          const collateralLeft = tokens().some((tk) => m.collateral(u, tk) > 0n);
          // No position below health 1 survives: either healthy again, or every unit of collateral taken
          // (the rest is bad debt), or only dust too small to seize is left.
          if (after.liquidationCapacity < after.debt && collateralLeft) {
            const value = tokens().reduce((sum, tk) => sum + mulDiv(m.collateral(u, tk), m.priceOf(tk, t), WAD), 0n);
            expect(value, `collateral left below health 1 after liquidation at ${t}`).toBeLessThanOrEqual(1n);
          }
          expect(await h.balanceOf(asset, h.addr.mallory)).toBe(wallets.get(key(asset, h.addr.mallory)));
          break;
        }
        case 'reserves': {
          const probe = m.clone();
          probe.accrue(t);
          const amount = probe.totalReserves < probe.cash ? probe.totalReserves : probe.cash;
          tx = await sendAt(t, 'admin', pool, 'withdrawReserves', [amount]);
          m.withdrawReserves(amount, t);
          move(asset, h.addr.tenantTreasury, amount);
          break;
        }
        case 'pause':
        case 'unpause':
          paused = c.kind === 'pause';
          tx = await sendAt(t, 'admin', pool, 'setPaused', [paused]);
          m.paused = paused;
          break;
      }
      if (tx) expectOk(tx);
      count(`${c.kind} ok`);
      steps += 1n;
    } catch (err) {
      if (!(err instanceof ModelRevert)) throw err;
      expected = err.message;
      m = before;
      if (!tx) throw new Error(`model reverted ${expected} before the transaction was sent`);
      expectRevert(tx, expected);
      count(`${c.kind} reverted ${expected}`);
    }
    await checkAgainstModel(pool, m, [...lenders], [...borrowers], wallets, steps, prev, `${c.kind}${expected ? ` (reverted ${expected})` : ''} at ${t}`);
    prev = { borrowIndex: m.borrowIndex, supplyIndex: m.supplyIndex };
  }
}

async function checkAgainstModel(
  pool: Address,
  m: LendingModel,
  lenders: Address[],
  borrowers: Address[],
  wallets: Wallets,
  steps: bigint,
  prev: { borrowIndex: bigint; supplyIndex: bigint },
  at: string,
): Promise<void> {
  const borrowIndex = await read(pool, 'borrowIndex');
  const supplyIndex = await read(pool, 'supplyIndex');
  expect(borrowIndex, `borrowIndex ${at}`).toBe(m.borrowIndex);
  expect(supplyIndex, `supplyIndex ${at}`).toBe(m.supplyIndex);
  expect(borrowIndex, `borrowIndex never decreases ${at}`).toBeGreaterThanOrEqual(prev.borrowIndex);
  expect(supplyIndex, `supplyIndex never decreases ${at}`).toBeGreaterThanOrEqual(prev.supplyIndex);
  for (const name of ['totalBorrows', 'totalReserves', 'totalScaledSupply', 'totalScaledDebt', 'totalDeposited', 'totalWithdrawn', 'interestAccrued', 'reservesWithdrawn', 'borrowsWrittenOff', 'lastAccrual'] as const) {
    expect(await read(pool, name), `${name} ${at}`).toBe(m[name]);
  }
  const cash = await h.balanceOf(asset, pool);
  expect(cash, `cash ${at}`).toBe(m.cash);
  // The books, exact: cash + borrows = supplied - withdrawn + interest - reserves taken out - write-offs.
  expect(cash + m.totalBorrows, `accounting identity ${at}`).toBe(m.totalDeposited - m.totalWithdrawn + m.interestAccrued - m.reservesWithdrawn - m.borrowsWrittenOff);

  let sumBalances = 0n;
  for (const u of lenders) {
    const bal = await read(pool, 'balanceOf', [u]);
    expect(bal, `balance ${u} ${at}`).toBe(m.balanceOf(u));
    sumBalances += bal;
  }
  // What lenders can claim together covers their balances; the gap is rounding kept by the pool
  // (each balance, mint and burn rounds against the lender; interest and the index round up), bounded.
  const claim = m.lendersClaim();
  expect(sumBalances, `lenders' balances within their claim ${at}`).toBeLessThanOrEqual(claim + m.borrowsWrittenOff);
  expect(claim - sumBalances, `rounding kept by the pool is bounded ${at}`).toBeLessThanOrEqual(steps * 4n + 4n);

  for (const u of borrowers) {
    expect(await read(pool, 'debtOf', [u]), `debt ${u} ${at}`).toBe(m.debtOf(u));
    for (const token of tokens()) expect(await read(pool, 'collateralOf', [u, token]), `collateral ${u} ${at}`).toBe(m.collateral(u, token));
  }
  // Nobody withdraws more than their balance: every wallet moved exactly as the model says.
  for (const [k, v] of wallets) {
    const [token, u] = k.split(':') as [Address, Address];
    expect(await h.balanceOf(token, u), `wallet ${k} ${at}`).toBe(v);
  }
  for (const token of tokens()) {
    let held = 0n;
    for (const u of borrowers) held += m.collateral(u, token);
    expect(await h.balanceOf(token, pool), `collateral held ${at}`).toBe(held);
  }
}
