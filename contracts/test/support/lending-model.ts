// A bigint reference model of LendingPool.sol that rounds exactly as the contract does (Math.mulDiv
// floor or ceil at the same places), so tests can demand the contract's figures equal the model's to the
// unit. Every method takes the block timestamp the transaction is mined at; a method that would revert
// throws a ModelRevert with the contract error's name, checked in the contract's order.
import { ModelRevert } from './staking-model';

export { ModelRevert };

export const WAD = 10n ** 18n;
export const YEAR = 365n * 24n * 60n * 60n;
const BPS = 10_000n;
const MAX = 2n ** 256n - 1n;

export const mulDiv = (a: bigint, b: bigint, c: bigint, ceil = false): bigint => {
  const p = a * b;
  return ceil && p % c !== 0n ? p / c + 1n : p / c;
};

export type LendingTerms = {
  baseRate: bigint;
  slope1: bigint;
  slope2: bigint;
  optimalUtilisation: bigint;
  reserveFactorBps: bigint;
  closeFactorBps: bigint;
};

export type CollateralTerms = { ltvBps: bigint; liquidationThresholdBps: bigint; liquidationBonusBps: bigint; maxPriceAge: bigint };
type Collateral = CollateralTerms & { price: bigint; updatedAt: bigint };

export class LendingModel {
  paused = false;
  lastAccrual: bigint;
  borrowIndex = WAD;
  supplyIndex = WAD;
  totalBorrows = 0n;
  totalReserves = 0n;
  totalScaledSupply = 0n;
  totalScaledDebt = 0n;
  totalDeposited = 0n;
  totalWithdrawn = 0n;
  interestAccrued = 0n;
  reservesWithdrawn = 0n;
  borrowsWrittenOff = 0n;
  /** The pool's stablecoin balance. */
  cash = 0n;
  scaledSupply = new Map<string, bigint>();
  scaledDebt = new Map<string, bigint>();
  /** user -> token -> amount */
  collateralOf = new Map<string, Map<string, bigint>>();
  collaterals = new Map<string, Collateral>();

  constructor(
    readonly terms: LendingTerms,
    openedAt: bigint,
  ) {
    this.lastAccrual = openedAt;
  }

  /** A copy to fall back to when an action reverts (a reverted transaction changes nothing). */
  clone(): LendingModel {
    const copy = Object.assign(new LendingModel(this.terms, this.lastAccrual), this);
    copy.scaledSupply = new Map(this.scaledSupply);
    copy.scaledDebt = new Map(this.scaledDebt);
    copy.collateralOf = new Map([...this.collateralOf].map(([u, m]) => [u, new Map(m)]));
    copy.collaterals = new Map([...this.collaterals].map(([t, c]) => [t, { ...c }]));
    return copy;
  }

  // ---- views ----

  lendersClaim(): bigint {
    const gross = this.cash + this.totalBorrows;
    return gross > this.totalReserves ? gross - this.totalReserves : 0n;
  }

  utilisation(): bigint {
    if (this.totalBorrows === 0n) return 0n;
    const claim = this.lendersClaim();
    return claim <= this.totalBorrows ? WAD : mulDiv(this.totalBorrows, WAD, claim);
  }

  borrowRate(): bigint {
    const { baseRate, slope1, slope2, optimalUtilisation: opt } = this.terms;
    const u = this.utilisation();
    if (u <= opt) return baseRate + mulDiv(slope1, u, opt, true);
    return baseRate + slope1 + mulDiv(slope2, u - opt, WAD - opt, true);
  }

  balanceOf(user: string): bigint {
    return mulDiv(this.scaledSupply.get(user) ?? 0n, this.supplyIndex, WAD);
  }

  debtOf(user: string): bigint {
    return mulDiv(this.scaledDebt.get(user) ?? 0n, this.borrowIndex, WAD, true);
  }

  collateral(user: string, token: string): bigint {
    return this.collateralOf.get(user)?.get(token) ?? 0n;
  }

  priceOf(token: string, now: bigint): bigint {
    const c = this.collaterals.get(token);
    if (!c) throw new ModelRevert('NotListed');
    if (c.price === 0n) throw new ModelRevert('BadPrice');
    if (now > c.updatedAt + c.maxPriceAge) throw new ModelRevert('StalePrice');
    return c.price;
  }

  accountOf(user: string, now: bigint): { borrowCapacity: bigint; liquidationCapacity: bigint; debt: bigint } {
    let borrowCapacity = 0n;
    let liquidationCapacity = 0n;
    for (const [token, c] of this.collaterals) {
      const amount = this.collateral(user, token);
      if (amount === 0n) continue;
      const value = mulDiv(amount, this.priceOf(token, now), WAD);
      borrowCapacity += mulDiv(value, c.ltvBps, BPS);
      liquidationCapacity += mulDiv(value, c.liquidationThresholdBps, BPS);
    }
    return { borrowCapacity, liquidationCapacity, debt: this.debtOf(user) };
  }

  healthFactor(user: string, now: bigint): bigint {
    const a = this.accountOf(user, now);
    return a.debt === 0n ? MAX : mulDiv(a.liquidationCapacity, WAD, a.debt);
  }

  // ---- actions ----

  accrue(now: bigint): void {
    const dt = now - this.lastAccrual;
    if (dt === 0n) return;
    if (this.totalBorrows !== 0n) {
      const factor = this.borrowRate() * dt;
      const interest = mulDiv(this.totalBorrows, factor, WAD * YEAR, true);
      this.borrowIndex += mulDiv(this.borrowIndex, factor, WAD * YEAR, true);
      let reserve = mulDiv(interest, this.terms.reserveFactorBps, BPS, true);
      if (this.totalScaledSupply === 0n) reserve = interest;
      else this.supplyIndex += mulDiv(interest - reserve, WAD, this.totalScaledSupply);
      this.totalBorrows += interest;
      this.totalReserves += reserve;
      this.interestAccrued += interest;
    }
    this.lastAccrual = now;
  }

  private notPaused(): void {
    if (this.paused) throw new ModelRevert('PoolPaused');
  }

  supply(user: string, amount: bigint, now: bigint): void {
    this.notPaused();
    this.accrue(now);
    const scaled = mulDiv(amount, WAD, this.supplyIndex);
    if (scaled === 0n) throw new ModelRevert('ZeroAmount');
    this.scaledSupply.set(user, (this.scaledSupply.get(user) ?? 0n) + scaled);
    this.totalScaledSupply += scaled;
    this.totalDeposited += amount;
    this.cash += amount;
  }

  /** Returns what the lender receives. */
  withdraw(user: string, amount: bigint, now: bigint): bigint {
    this.notPaused();
    this.accrue(now);
    const owned = this.scaledSupply.get(user) ?? 0n;
    const balance = this.balanceOf(user);
    let scaled: bigint;
    if (amount === MAX) {
      amount = balance;
      scaled = owned;
    } else {
      scaled = mulDiv(amount, WAD, this.supplyIndex, true);
      if (scaled > owned) throw new ModelRevert('InsufficientBalance');
    }
    if (amount === 0n) throw new ModelRevert('ZeroAmount');
    if (amount > this.cash) throw new ModelRevert('InsufficientLiquidity');
    this.scaledSupply.set(user, owned - scaled);
    this.totalScaledSupply -= scaled;
    this.totalWithdrawn += amount;
    this.cash -= amount;
    return amount;
  }

  listCollateral(token: string, terms: CollateralTerms): void {
    const existing = this.collaterals.get(token);
    this.collaterals.set(token, { ...terms, price: existing?.price ?? 0n, updatedAt: existing?.updatedAt ?? 0n });
  }

  setPrice(token: string, price: bigint, now: bigint): void {
    const c = this.collaterals.get(token);
    if (!c) throw new ModelRevert('NotListed');
    if (price === 0n) throw new ModelRevert('BadPrice');
    c.price = price;
    c.updatedAt = now;
  }

  depositCollateral(user: string, token: string, amount: bigint): void {
    if (!this.collaterals.has(token)) throw new ModelRevert('NotListed');
    if (amount === 0n) throw new ModelRevert('ZeroAmount');
    this.setCollateral(user, token, this.collateral(user, token) + amount);
  }

  withdrawCollateral(user: string, token: string, amount: bigint, now: bigint): void {
    this.notPaused();
    this.accrue(now);
    const held = this.collateral(user, token);
    if (amount === 0n || amount > held) throw new ModelRevert('InsufficientBalance');
    this.setCollateral(user, token, held - amount);
    this.requireBorrowCapacity(user, now);
  }

  borrow(user: string, amount: bigint, now: bigint): void {
    this.notPaused();
    this.accrue(now);
    if (amount === 0n) throw new ModelRevert('ZeroAmount');
    if (amount > this.cash) throw new ModelRevert('InsufficientLiquidity');
    const scaled = mulDiv(amount, WAD, this.borrowIndex, true);
    this.scaledDebt.set(user, (this.scaledDebt.get(user) ?? 0n) + scaled);
    this.totalScaledDebt += scaled;
    this.totalBorrows += amount;
    this.requireBorrowCapacity(user, now);
    this.cash -= amount;
  }

  /** Returns what the payer paid. */
  repay(borrower: string, amount: bigint, now: bigint): bigint {
    this.accrue(now);
    const paid = this.burnDebt(borrower, amount);
    this.cash += paid;
    return paid;
  }

  liquidate(borrower: string, token: string, maxRepay: bigint, now: bigint): { repaid: bigint; seized: bigint } {
    this.notPaused();
    this.accrue(now);
    const { liquidationCapacity, debt } = this.accountOf(borrower, now);
    if (liquidationCapacity >= debt) throw new ModelRevert('Healthy');
    const cap = mulDiv(debt, this.terms.closeFactorBps, BPS, true);
    let repaid = maxRepay < cap ? maxRepay : cap;
    const price = this.priceOf(token, now);
    const bonus = BPS + this.collaterals.get(token)!.liquidationBonusBps;
    let seized = mulDiv(repaid * bonus, WAD, BPS * price);
    const held = this.collateral(borrower, token);
    if (seized > held) {
      seized = held;
      repaid = mulDiv(held, price * BPS, WAD * bonus, true);
    }
    if (repaid === 0n || seized === 0n) throw new ModelRevert('ZeroAmount');
    repaid = this.burnDebt(borrower, repaid);
    this.setCollateral(borrower, token, held - seized);
    this.cash += repaid;
    return { repaid, seized };
  }

  withdrawReserves(amount: bigint, now: bigint): void {
    this.accrue(now);
    if (amount === 0n || amount > this.totalReserves) throw new ModelRevert('InsufficientBalance');
    if (amount > this.cash) throw new ModelRevert('InsufficientLiquidity');
    this.totalReserves -= amount;
    this.reservesWithdrawn += amount;
    this.cash -= amount;
  }

  // ---- internals ----

  private setCollateral(user: string, token: string, amount: bigint): void {
    if (!this.collateralOf.has(user)) this.collateralOf.set(user, new Map());
    this.collateralOf.get(user)!.set(token, amount);
  }

  private burnDebt(borrower: string, amount: bigint): bigint {
    const debt = this.debtOf(borrower);
    if (debt === 0n) throw new ModelRevert('NothingToRepay');
    let scaled: bigint;
    if (amount >= debt) {
      amount = debt;
      scaled = this.scaledDebt.get(borrower) ?? 0n;
    } else {
      scaled = mulDiv(amount, WAD, this.borrowIndex);
      if (scaled === 0n) throw new ModelRevert('ZeroAmount');
    }
    this.scaledDebt.set(borrower, (this.scaledDebt.get(borrower) ?? 0n) - scaled);
    this.totalScaledDebt -= scaled;
    if (amount > this.totalBorrows) {
      this.interestAccrued += amount - this.totalBorrows;
      this.totalBorrows = 0n;
    } else if (this.totalScaledDebt === 0n) {
      this.borrowsWrittenOff += this.totalBorrows - amount;
      this.totalBorrows = 0n;
    } else {
      this.totalBorrows -= amount;
    }
    return amount;
  }

  private requireBorrowCapacity(user: string, now: bigint): void {
    const { borrowCapacity, debt } = this.accountOf(user, now);
    if (debt > borrowCapacity) throw new ModelRevert('InsufficientCollateral');
  }
}
