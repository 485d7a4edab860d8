// StakingPool: the reward accumulator against a bigint model that rounds as Solidity does, the lock
// and its penalty at the exact boundary, caps, top-ups, pause with emergency withdrawal, recovery of
// unallocated rewards and rounding dust, roles; then random command sequences checked after every step.
// Runs: STAKING_RUNS (default 16); seed: STAKING_SEED (printed either way).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEventLogs, type Address, type Hex } from 'viem';
import { abis, DAY, TOKEN, USD, expectOk, expectRevert, startHarness, type Actor, type Harness, type TxResult } from './support/harness';
import { ModelRevert, StakingModel, type StakingTerms } from './support/staking-model';

const { stakingPoolAbi, serviceAbi, tenantFactoryAbi } = abis;
const RUNS = Number(process.env.STAKING_RUNS ?? 16);
const SEED = Number(process.env.STAKING_SEED ?? Math.floor(Math.random() * 2 ** 31));
const STAKERS = ['alice', 'bob', 'carol'] as const;

let h: Harness;
let snap: Hex;
let rewardToken: Address;
let stakingToken: Address;

beforeAll(async () => {
  h = await startHarness();
  rewardToken = h.paymentToken; // 6 decimals
  stakingToken = h.saleToken; // 18 decimals
  for (const who of STAKERS) await h.fund(who, 10n ** 30n, stakingToken);
  await h.fund('operator', 10n ** 24n, rewardToken);
}, 120_000);
afterAll(async () => h?.stop());

const defaultTerms: StakingTerms = {
  rewardsDuration: 30n * DAY,
  lockPeriod: 7n * DAY,
  earlyExitPenaltyBps: 500n,
  maxStakePerUser: 0n,
  maxTotalStaked: 0n,
};

let poolCounter = 0n;
/** Through the tenant's factory, as the platform does: the pool is the tenant's, its treasury the tenant's. */
async function openPool(terms: StakingTerms = defaultTerms): Promise<Address> {
  poolCounter += 1n;
  const r = expectOk(
    await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [
      {
        poolId: `0x${poolCounter.toString(16).padStart(64, '0')}`,
        stakingToken,
        rewardToken,
        rewardsDuration: terms.rewardsDuration,
        lockPeriod: terms.lockPeriod,
        earlyExitPenaltyBps: Number(terms.earlyExitPenaltyBps),
        maxStakePerUser: terms.maxStakePerUser,
        maxTotalStaked: terms.maxTotalStaked,
      },
    ]),
  );
  const pool = parseEventLogs({ abi: tenantFactoryAbi, logs: r.receipt.logs, eventName: 'StakingPoolCreated' })[0]!.args.pool;
  for (const who of STAKERS) await h.approve(who, pool, 2n ** 255n, stakingToken);
  await h.approve('operator', pool, 2n ** 255n, rewardToken);
  return pool;
}

/** Sends at exactly `at`, so the model can be given the same timestamp. */
async function sendAt(at: bigint, from: Actor, to: Address, fn: string, args: readonly unknown[] = []): Promise<TxResult> {
  await h.setNextTimestamp(at);
  return h.send(from, to, stakingPoolAbi, fn, args);
}

const read = <T = bigint>(pool: Address, fn: string, args: readonly unknown[] = []) => h.read<T>(pool, stakingPoolAbi, fn, args);

describe('StakingPool', () => {
  beforeEach(async () => {
    snap = await h.snapshot();
  });
  afterEach(async () => h.revert(snap));

  it('pays stakers pro rata per second, to the unit the model computes', async () => {
    const pool = await openPool();
    const m = new StakingModel(defaultTerms);
    const t0 = (await h.now()) + 10n;
    expectOk(await sendAt(t0, 'operator', pool, 'notifyRewardAmount', [10_000n * USD + 7n, false]));
    m.notify(10_000n * USD + 7n, false, t0);
    expectOk(await sendAt(t0 + 100n, 'alice', pool, 'stake', [3n * TOKEN]));
    m.stake(h.addr.alice, 3n * TOKEN, t0 + 100n);
    expectOk(await sendAt(t0 + DAY, 'bob', pool, 'stake', [TOKEN + 1n]));
    m.stake(h.addr.bob, TOKEN + 1n, t0 + DAY);
    await h.setNextTimestamp(t0 + 5n * DAY);
    await h.testClient.mine({ blocks: 1 });
    const now = t0 + 5n * DAY;
    expect(await read(pool, 'earned', [h.addr.alice])).toBe(m.earned(h.addr.alice, now));
    expect(await read(pool, 'earned', [h.addr.bob])).toBe(m.earned(h.addr.bob, now));
    // Alice alone for a day then three quarters: 1 day + 4 days * 3/4 of the per-day reward.
    const perDay = (10_000n * USD + 7n) / 30n;
    expect(m.earned(h.addr.alice, now)).toBeGreaterThan(perDay * 4n - perDay / 500n);
    expect(m.earned(h.addr.alice, now)).toBeLessThan(perDay * 4n);

    expectOk(await sendAt(now + 1n, 'alice', pool, 'claim'));
    const reward = m.claim(h.addr.alice, now + 1n);
    expect(await h.balanceOf(rewardToken, h.addr.alice)).toBe(reward);
    expect(await read(pool, 'rewardsPaid')).toBe(reward);
    expectRevert(await sendAt(now + 1n + 0n + 1n, 'carol', pool, 'claim'), 'NothingToClaim');
  });

  it('charges the early-exit penalty one second before the lock ends and none at exactly its end', async () => {
    const pool = await openPool();
    const t0 = (await h.now()) + 10n;
    expectOk(await sendAt(t0, 'alice', pool, 'stake', [1_000n]));
    const until = await read(pool, 'lockedUntil', [h.addr.alice]);
    expect(until).toBe(t0 + 7n * DAY);
    const before = await h.balanceOf(stakingToken, h.addr.alice);

    const s = await h.snapshot();
    const early = expectOk(await sendAt(until - 1n, 'alice', pool, 'withdraw', [999n]));
    // 5% of 999 is 49.95: rounded up to 50 in the pool's favour.
    expect(await h.balanceOf(stakingToken, h.addr.alice)).toBe(before + 949n);
    expect(await h.balanceOf(stakingToken, h.addr.tenantTreasury)).toBe(50n);
    expect(early.receipt.status).toBe('success');
    await h.revert(s);

    expectOk(await sendAt(until, 'alice', pool, 'withdraw', [999n]));
    expect(await h.balanceOf(stakingToken, h.addr.alice)).toBe(before + 999n);
    expect(await h.balanceOf(stakingToken, h.addr.tenantTreasury)).toBe(0n);
    expectRevert(await sendAt(until + 1n, 'alice', pool, 'withdraw', [2n]), 'InsufficientBalance');
  });

  it("is created only by the tenant's operator, with the tenant's treasury and roles", async () => {
    const params = { poolId: `0x${'11'.repeat(32)}`, stakingToken, rewardToken, rewardsDuration: DAY, lockPeriod: 0n, earlyExitPenaltyBps: 0, maxStakePerUser: 0n, maxTotalStaked: 0n };
    expectRevert(await h.send('otherOperator', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [params]), 'NotOperator');
    expectRevert(await h.send('alice', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [params]), 'NotOperator');
    expectRevert(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [{ ...params, earlyExitPenaltyBps: 5_001 }]), 'InvalidConfig');
    expectRevert(await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [{ ...params, rewardsDuration: 0n }]), 'InvalidConfig');
    const pool = await openPool();
    expect(await read<Address>(pool, 'treasury')).toBe(h.addr.tenantTreasury);
    expect(await h.read<boolean>(h.tenantFactory, tenantFactoryAbi, 'isStakingPool', [pool])).toBe(true);
    expectRevert(await h.send('otherOperator', pool, stakingPoolAbi, 'notifyRewardAmount', [1n, false]), 'NotOperator');
    expectRevert(await h.send('otherOperator', pool, stakingPoolAbi, 'setPaused', [true]), 'NotAdmin');
  });

  it('holds the per-staker and total caps at their exact value', async () => {
    const terms = { ...defaultTerms, maxStakePerUser: 600n, maxTotalStaked: 1_000n };
    const pool = await openPool(terms);
    expectOk(await h.send('alice', pool, stakingPoolAbi, 'stake', [600n]));
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'stake', [1n]), 'CapExceeded');
    expectOk(await h.send('bob', pool, stakingPoolAbi, 'stake', [400n]));
    expectRevert(await h.send('carol', pool, stakingPoolAbi, 'stake', [1n]), 'CapExceeded');
    expect(await read(pool, 'totalStaked')).toBe(1_000n);
  });

  it('tops up a running period: what is left plus the new reward over a fresh period', async () => {
    const pool = await openPool();
    const m = new StakingModel(defaultTerms);
    const t0 = (await h.now()) + 10n;
    expectOk(await sendAt(t0, 'alice', pool, 'stake', [5n * TOKEN]));
    m.stake(h.addr.alice, 5n * TOKEN, t0);
    expectOk(await sendAt(t0 + 1n, 'operator', pool, 'notifyRewardAmount', [3_000n * USD, false]));
    m.notify(3_000n * USD, false, t0 + 1n);
    expectOk(await sendAt(t0 + 10n * DAY, 'operator', pool, 'notifyRewardAmount', [1_000n * USD, false]));
    m.notify(1_000n * USD, false, t0 + 10n * DAY);
    expect(await read(pool, 'rewardRateScaled')).toBe(m.rewardRateScaled);
    expect(await read(pool, 'periodFinish')).toBe(t0 + 40n * DAY);
    expect(await read(pool, 'rewardsFunded')).toBe(4_000n * USD);
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'notifyRewardAmount', [1n, false]), 'NotOperator');
    expectRevert(await h.send('otherOperator', pool, stakingPoolAbi, 'notifyRewardAmount', [1n, false]), 'NotOperator');
  });

  it('pauses stake, withdraw and claim; emergency withdrawal returns principal only and keeps rewards booked', async () => {
    const pool = await openPool();
    const t0 = (await h.now()) + 10n;
    expectOk(await sendAt(t0, 'operator', pool, 'notifyRewardAmount', [1_000n * USD, false]));
    expectOk(await sendAt(t0 + 1n, 'alice', pool, 'stake', [TOKEN]));
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'emergencyWithdraw'), 'NotPaused');
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'setPaused', [true]), 'NotAdmin');
    expectOk(await sendAt(t0 + DAY, 'admin', pool, 'setPaused', [true]));
    expectRevert(await h.send('bob', pool, stakingPoolAbi, 'stake', [TOKEN]), 'PoolPaused');
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'claim'), 'PoolPaused');
    expectRevert(await h.send('alice', pool, stakingPoolAbi, 'withdraw', [1n]), 'PoolPaused');
    const before = await h.balanceOf(stakingToken, h.addr.alice);
    expectOk(await sendAt(t0 + DAY + 5n, 'alice', pool, 'emergencyWithdraw'));
    // Inside the lock, yet no penalty.
    expect(await h.balanceOf(stakingToken, h.addr.alice)).toBe(before + TOKEN);
    const booked = await read(pool, 'rewards', [h.addr.alice]);
    expect(booked).toBeGreaterThan(0n);
    expectOk(await h.send('admin', pool, stakingPoolAbi, 'setPaused', [false]));

    // The platform-wide pause counts too.
    expectOk(await h.send('bob', pool, stakingPoolAbi, 'stake', [TOKEN]));
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'pause'));
    expect(await read<boolean>(pool, 'paused')).toBe(true);
    expectOk(await h.send('bob', pool, stakingPoolAbi, 'emergencyWithdraw'));
    expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
    expectOk(await h.send('alice', pool, stakingPoolAbi, 'claim'));
    expect(await h.balanceOf(rewardToken, h.addr.alice)).toBe(booked);
  });

  it('keeps rewards of time nobody staked as unallocated and returns them, and the dust once all have left', async () => {
    const pool = await openPool({ ...defaultTerms, lockPeriod: 0n });
    const m = new StakingModel({ ...defaultTerms, lockPeriod: 0n });
    const t0 = (await h.now()) + 10n;
    const funded = 1_000n * USD + 3n;
    expectOk(await sendAt(t0, 'operator', pool, 'notifyRewardAmount', [funded, false]));
    m.notify(funded, false, t0);
    expectOk(await sendAt(t0 + 3n * DAY, 'alice', pool, 'stake', [7n]));
    m.stake(h.addr.alice, 7n, t0 + 3n * DAY);
    expectOk(await sendAt(t0 + 3n * DAY + 1n, 'bob', pool, 'stake', [11n]));
    m.stake(h.addr.bob, 11n, t0 + 3n * DAY + 1n);
    expect(await read(pool, 'unallocatedRewards')).toBe(m.unallocatedRewards(t0 + 3n * DAY + 1n));
    expect(m.unallocatedRewards(t0 + 3n * DAY + 1n)).toBeGreaterThanOrEqual(funded / 10n);

    expectOk(await sendAt(t0 + 31n * DAY, 'alice', pool, 'exit'));
    const a = m.exit(h.addr.alice, t0 + 31n * DAY);
    expectOk(await sendAt(t0 + 31n * DAY + 1n, 'bob', pool, 'exit'));
    const b = m.exit(h.addr.bob, t0 + 31n * DAY + 1n);
    expect(await h.balanceOf(rewardToken, h.addr.alice)).toBe(a.reward);
    expect(await h.balanceOf(rewardToken, h.addr.bob)).toBe(b.reward);
    expect(await read(pool, 'rewardDust')).toBe(m.rewardDust());

    expectOk(await sendAt(t0 + 32n * DAY, 'operator', pool, 'recoverRewards'));
    const recovered = m.recover(t0 + 32n * DAY);
    expect(await h.balanceOf(rewardToken, h.addr.tenantTreasury)).toBe(recovered);
    // Everything funded went to a staker or back to the treasury: not one unit is left behind.
    expect(a.reward + b.reward + recovered).toBe(funded);
    expect(await h.balanceOf(rewardToken, pool)).toBe(0n);
    expectRevert(await h.send('operator', pool, stakingPoolAbi, 'recoverRewards'), 'NothingToRecover');
  });
});

type Cmd =
  | { kind: 'stake'; who: number; amount: bigint }
  | { kind: 'withdraw'; who: number; part: number }
  | { kind: 'claim' | 'exit' | 'emergency'; who: number }
  | { kind: 'notify'; amount: bigint; reuse: boolean }
  | { kind: 'warp'; seconds: bigint }
  | { kind: 'pause' | 'unpause' | 'recover' };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('stake' as const), who: fc.nat(2), amount: fc.oneof(fc.bigInt(1n, 1_000n), fc.bigInt(1n, 10n ** 21n)) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), who: fc.nat(2), part: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('claim' as const, 'exit' as const, 'emergency' as const), who: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('notify' as const), amount: fc.oneof(fc.bigInt(0n, 100n), fc.bigInt(1n, 10n ** 11n)), reuse: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('warp' as const), seconds: fc.oneof(fc.bigInt(1n, 100n), fc.bigInt(1n, 40n * DAY)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('pause' as const, 'unpause' as const, 'recover' as const) }) },
);

const termsArb: fc.Arbitrary<StakingTerms> = fc.record({
  rewardsDuration: fc.constantFrom(7n, 1_000n, 7n * DAY, 30n * DAY + 1n),
  lockPeriod: fc.constantFrom(0n, 60n, 3n * DAY),
  earlyExitPenaltyBps: fc.constantFrom(0n, 1n, 333n, 5_000n),
  maxStakePerUser: fc.constantFrom(0n, 10n ** 21n),
  maxTotalStaked: fc.constantFrom(0n, 2n * 10n ** 21n),
});

describe('StakingPool under random command sequences', () => {
  it(`every staker's earned equals the model's; rewards paid never exceed rewards funded; the rest is owed, unallocated or bounded dust (${RUNS} runs, seed ${SEED})`, async () => {
    console.log(`staking invariants: ${RUNS} runs, seed ${SEED} (replay with STAKING_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(termsArb, fc.array(cmd, { minLength: 4, maxLength: 30 }), async (terms, cmds) => {
        const s = await h.snapshot();
        try {
          await runSequence(terms, cmds);
        } finally {
          await h.revert(s);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(process.env.STAKING_PATH ? { path: process.env.STAKING_PATH } : {}) },
    );
  }, 3_600_000);
});

async function runSequence(terms: StakingTerms, cmds: Cmd[]): Promise<void> {
  const pool = await openPool(terms);
  let m = new StakingModel(terms);
  let t = (await h.now()) + 1n;
  let checkpoints = 0n;
  const users = STAKERS.map((w) => h.addr[w]);
  const wallet = new Map<Address, { stake: bigint; reward: bigint }>();
  for (const u of users) wallet.set(u, { stake: await h.balanceOf(stakingToken, u), reward: await h.balanceOf(rewardToken, u) });
  let treasuryReward = await h.balanceOf(rewardToken, h.addr.tenantTreasury);
  let treasuryStake = await h.balanceOf(stakingToken, h.addr.tenantTreasury);
  const paused = { local: false, platform: false };

  for (const c of cmds) {
    t += 1n;
    const before = m.clone();
    let tx: TxResult | undefined;
    let expected: string | undefined;
    try {
      switch (c.kind) {
        case 'stake': {
          const u = users[c.who]!;
          tx = await sendAt(t, STAKERS[c.who]!, pool, 'stake', [c.amount]);
          m.stake(u, c.amount, t);
          wallet.get(u)!.stake -= c.amount;
          break;
        }
        case 'withdraw': {
          const u = users[c.who]!;
          const bal = m.balance.get(u) ?? 0n;
          // Now and then one more than the balance, which must revert.
          const amount = c.part === 100 ? bal + 1n : (bal * BigInt(c.part)) / 99n;
          tx = await sendAt(t, STAKERS[c.who]!, pool, 'withdraw', [amount]);
          const { out, penalty } = m.withdraw(u, amount, t);
          wallet.get(u)!.stake += out;
          treasuryStake += penalty;
          break;
        }
        case 'claim': {
          const u = users[c.who]!;
          tx = await sendAt(t, STAKERS[c.who]!, pool, 'claim');
          wallet.get(u)!.reward += m.claim(u, t);
          break;
        }
        case 'exit': {
          const u = users[c.who]!;
          tx = await sendAt(t, STAKERS[c.who]!, pool, 'exit');
          const r = m.exit(u, t);
          wallet.get(u)!.stake += r.out;
          wallet.get(u)!.reward += r.reward;
          treasuryStake += r.penalty;
          break;
        }
        case 'emergency': {
          const u = users[c.who]!;
          tx = await sendAt(t, STAKERS[c.who]!, pool, 'emergencyWithdraw');
          wallet.get(u)!.stake += m.emergencyWithdraw(u, t);
          break;
        }
        case 'notify':
          tx = await sendAt(t, 'operator', pool, 'notifyRewardAmount', [c.amount, c.reuse]);
          m.notify(c.amount, c.reuse, t);
          break;
        case 'recover': {
          tx = await sendAt(t, 'operator', pool, 'recoverRewards');
          treasuryReward += m.recover(t);
          break;
        }
        case 'pause':
        case 'unpause': {
          // Pausing alternates between the pool's own switch and the platform's; unpausing lifts both.
          if (c.kind === 'pause') {
            if (t % 2n === 0n && !paused.platform) {
              await h.setNextTimestamp(t);
              tx = expectOk(await h.send('admin', h.system.service, serviceAbi, 'pause'));
              paused.platform = true;
            } else {
              tx = expectOk(await sendAt(t, 'admin', pool, 'setPaused', [true]));
              paused.local = true;
            }
          } else {
            tx = expectOk(await sendAt(t, 'admin', pool, 'setPaused', [false]));
            if (paused.platform) expectOk(await h.send('admin', h.system.service, serviceAbi, 'unpause'));
            paused.local = paused.platform = false;
          }
          m.paused = paused.local || paused.platform;
          break;
        }
        case 'warp':
          t += c.seconds;
          await h.setNextTimestamp(t);
          await h.testClient.mine({ blocks: 1 });
          break;
      }
      if (tx) expectOk(tx);
      checkpoints += 1n;
    } catch (err) {
      if (!(err instanceof ModelRevert)) throw err;
      expected = err.message;
      m = before;
      if (!tx) throw new Error(`model reverted ${expected} before the transaction was sent`);
      expectRevert(tx, expected);
      // A reverted transaction's wallet changes were not applied by the model either (it threw first).
    }
    await checkAgainstModel(pool, m, t, users, wallet, checkpoints, treasuryReward, treasuryStake, `${c.kind}${expected ? ` (reverted ${expected})` : ''}`);
  }
}

async function checkAgainstModel(
  pool: Address,
  m: StakingModel,
  t: bigint,
  users: Address[],
  wallet: Map<Address, { stake: bigint; reward: bigint }>,
  checkpoints: bigint,
  treasuryReward: bigint,
  treasuryStake: bigint,
  step: string,
): Promise<void> {
  const at = `after ${step} at ${t}`;
  for (const u of users) {
    expect(await read(pool, 'earned', [u]), `earned ${u} ${at}`).toBe(m.earned(u, t));
    expect(await read(pool, 'balanceOf', [u]), `balance ${u} ${at}`).toBe(m.balance.get(u) ?? 0n);
    // Nobody withdraws more than their balance: wallets move exactly as the model says.
    expect(await h.balanceOf(stakingToken, u), `stake wallet ${u} ${at}`).toBe(wallet.get(u)!.stake);
    expect(await h.balanceOf(rewardToken, u), `reward wallet ${u} ${at}`).toBe(wallet.get(u)!.reward);
  }
  expect(await read(pool, 'totalStaked'), `totalStaked ${at}`).toBe(m.totalStaked);
  expect(await read(pool, 'rewardPerTokenStored'), `rpt ${at}`).toBe(m.rewardPerTokenStored);
  expect(await read(pool, 'unallocatedRewards'), `unallocated ${at}`).toBe(m.unallocatedRewards(t));
  expect(await h.balanceOf(rewardToken, h.addr.tenantTreasury), `treasury rewards ${at}`).toBe(treasuryReward);
  expect(await h.balanceOf(stakingToken, h.addr.tenantTreasury), `treasury penalties ${at}`).toBe(treasuryStake);
  expect(await h.balanceOf(stakingToken, pool), `staked principal held ${at}`).toBe(m.totalStaked);

  const paid = await read(pool, 'rewardsPaid');
  const funded = await read(pool, 'rewardsFunded');
  expect(paid, `paid <= funded ${at}`).toBeLessThanOrEqual(funded);
  // What the pool holds in rewards covers what it owes, what it will emit and what nobody was promised;
  // the remainder is rounding dust: under one unit per staker checkpoint and per accumulator update,
  // plus the rate's rounding.
  const held = await h.balanceOf(rewardToken, pool);
  const owed = m.totalOwed(t, users);
  const future = ((m.periodFinish - m.lastTimeRewardApplicable(t)) * m.rewardRateScaled) / 10n ** 18n;
  const remainder = held - owed - future - m.unallocatedRewards(t);
  expect(remainder, `reward remainder ${at}`).toBeGreaterThanOrEqual(0n);
  expect(remainder, `reward remainder bounded by dust ${at}`).toBeLessThanOrEqual(checkpoints * BigInt(users.length + 1) + 2n);
}
