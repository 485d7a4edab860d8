// A bigint reference model of StakingPool.sol that rounds exactly as the contract does, so tests can
// demand the contract's figures equal the model's to the unit. Every method takes the block timestamp
// the transaction is mined at; a method that would revert throws a ModelRevert with the error's name.
const PRECISION = 10n ** 18n;
const ACC_PRECISION = 10n ** 36n;
const BPS = 10_000n;

export class ModelRevert extends Error {}

export type StakingTerms = {
  rewardsDuration: bigint;
  lockPeriod: bigint;
  earlyExitPenaltyBps: bigint;
  maxStakePerUser: bigint;
  maxTotalStaked: bigint;
};

const ceilDiv = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);

export class StakingModel {
  paused = false;
  periodFinish = 0n;
  lastUpdateTime = 0n;
  rewardRateScaled = 0n;
  rewardPerTokenStored = 0n;
  totalStaked = 0n;
  rewardsFunded = 0n;
  rewardsEmittedScaled = 0n;
  rewardsCredited = 0n;
  rewardsPaid = 0n;
  rewardsRecovered = 0n;
  penalties = 0n;
  balance = new Map<string, bigint>();
  paid = new Map<string, bigint>();
  rewards = new Map<string, bigint>();
  lockedUntil = new Map<string, bigint>();

  constructor(readonly terms: StakingTerms) {}

  /** A copy to fall back to when an action reverts (a reverted transaction changes nothing). */
  clone(): StakingModel {
    const copy = Object.assign(new StakingModel(this.terms), this);
    for (const key of ['balance', 'paid', 'rewards', 'lockedUntil'] as const) copy[key] = new Map(this[key]);
    return copy;
  }

  private get = (m: Map<string, bigint>, k: string) => m.get(k) ?? 0n;

  lastTimeRewardApplicable(now: bigint): bigint {
    return now < this.periodFinish ? now : this.periodFinish;
  }

  private elapsed(now: bigint): bigint {
    const t = this.lastTimeRewardApplicable(now);
    return t > this.lastUpdateTime ? t - this.lastUpdateTime : 0n;
  }

  rewardPerToken(now: bigint): bigint {
    if (this.totalStaked === 0n) return this.rewardPerTokenStored;
    return this.rewardPerTokenStored + (this.elapsed(now) * this.rewardRateScaled * PRECISION) / this.totalStaked;
  }

  private accrued(user: string, rpt: bigint): bigint {
    return (this.get(this.balance, user) * (rpt - this.get(this.paid, user))) / ACC_PRECISION;
  }

  earned(user: string, now: bigint): bigint {
    return this.get(this.rewards, user) + this.accrued(user, this.rewardPerToken(now));
  }

  private futureScaled(now: bigint): bigint {
    return (this.periodFinish - this.lastTimeRewardApplicable(now)) * this.rewardRateScaled;
  }

  unallocatedRewards(now: bigint): bigint {
    const emitted = this.rewardsEmittedScaled + (this.totalStaked === 0n ? 0n : this.elapsed(now) * this.rewardRateScaled);
    return (this.rewardsFunded * PRECISION - emitted - this.futureScaled(now)) / PRECISION - this.rewardsRecovered;
  }

  rewardDust(): bigint {
    return this.rewardsEmittedScaled / PRECISION - this.rewardsCredited;
  }

  private checkpoint(now: bigint, user?: string): void {
    if (this.totalStaked !== 0n) {
      const emitted = this.elapsed(now) * this.rewardRateScaled;
      this.rewardsEmittedScaled += emitted;
      this.rewardPerTokenStored += (emitted * PRECISION) / this.totalStaked;
    }
    this.lastUpdateTime = this.lastTimeRewardApplicable(now);
    if (user) {
      const accrued = this.accrued(user, this.rewardPerTokenStored);
      this.rewards.set(user, this.get(this.rewards, user) + accrued);
      this.rewardsCredited += accrued;
      this.paid.set(user, this.rewardPerTokenStored);
    }
  }

  private foldDust(): bigint {
    if (this.totalStaked !== 0n) return 0n;
    const dust = this.rewardsEmittedScaled - this.rewardsCredited * PRECISION;
    this.rewardsEmittedScaled = this.rewardsCredited * PRECISION;
    return dust;
  }

  private requireNotPaused(): void {
    if (this.paused) throw new ModelRevert('PoolPaused');
  }

  stake(user: string, amount: bigint, now: bigint): void {
    this.requireNotPaused();
    if (amount === 0n) throw new ModelRevert('ZeroAmount');
    const balance = this.get(this.balance, user) + amount;
    const { maxStakePerUser, maxTotalStaked, lockPeriod } = this.terms;
    if (maxStakePerUser !== 0n && balance > maxStakePerUser) throw new ModelRevert('CapExceeded');
    if (maxTotalStaked !== 0n && this.totalStaked + amount > maxTotalStaked) throw new ModelRevert('CapExceeded');
    this.checkpoint(now, user);
    this.balance.set(user, balance);
    this.totalStaked += amount;
    this.lockedUntil.set(user, now + lockPeriod);
  }

  /** Returns what the user receives and the penalty. */
  withdraw(user: string, amount: bigint, now: bigint): { out: bigint; penalty: bigint } {
    this.requireNotPaused();
    return this.doWithdraw(user, amount, now);
  }

  private doWithdraw(user: string, amount: bigint, now: bigint): { out: bigint; penalty: bigint } {
    const balance = this.get(this.balance, user);
    if (amount === 0n || amount > balance) throw new ModelRevert('InsufficientBalance');
    this.checkpoint(now, user);
    const penalty = now < this.get(this.lockedUntil, user) ? ceilDiv(amount * this.terms.earlyExitPenaltyBps, BPS) : 0n;
    this.balance.set(user, balance - amount);
    this.totalStaked -= amount;
    this.penalties += penalty;
    return { out: amount - penalty, penalty };
  }

  private doClaim(user: string): bigint {
    const reward = this.get(this.rewards, user);
    this.rewards.set(user, 0n);
    this.rewardsPaid += reward;
    return reward;
  }

  claim(user: string, now: bigint): bigint {
    this.requireNotPaused();
    this.checkpoint(now, user);
    if (this.get(this.rewards, user) === 0n) throw new ModelRevert('NothingToClaim');
    return this.doClaim(user);
  }

  exit(user: string, now: bigint): { out: bigint; penalty: bigint; reward: bigint } {
    this.requireNotPaused();
    const w = this.doWithdraw(user, this.get(this.balance, user), now);
    return { ...w, reward: this.doClaim(user) };
  }

  emergencyWithdraw(user: string, now: bigint): bigint {
    if (!this.paused) throw new ModelRevert('NotPaused');
    const amount = this.get(this.balance, user);
    if (amount === 0n) throw new ModelRevert('ZeroAmount');
    this.checkpoint(now, user);
    this.balance.set(user, 0n);
    this.totalStaked -= amount;
    return amount;
  }

  notify(reward: bigint, reuseUnallocated: boolean, now: bigint): void {
    this.requireNotPaused();
    this.checkpoint(now);
    this.foldDust();
    const add = (reward + (reuseUnallocated ? this.unallocatedRewards(now) : 0n)) * PRECISION;
    this.rewardsFunded += reward;
    const rate = (add + this.futureScaled(now)) / this.terms.rewardsDuration;
    if (rate === 0n) throw new ModelRevert('RewardTooSmall');
    this.rewardRateScaled = rate;
    this.lastUpdateTime = now;
    this.periodFinish = now + this.terms.rewardsDuration;
  }

  /** Returns what is sent to the treasury. */
  recover(now: bigint): bigint {
    this.checkpoint(now);
    this.foldDust();
    const amount = this.unallocatedRewards(now);
    if (amount === 0n) throw new ModelRevert('NothingToRecover');
    this.rewardsRecovered += amount;
    return amount;
  }

  /** Every staker's claimable rewards together: what the pool owes in reward tokens right now. */
  totalOwed(now: bigint, users: readonly string[]): bigint {
    return users.reduce((sum, u) => sum + this.earned(u, now), 0n);
  }
}
