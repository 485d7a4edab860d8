import type { TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError, type AppError } from '../errors';
import { fromMinorUnits } from '../money';
import { checkDealAmounts } from './amounts';
import {
  capacitySnapshot,
  closeSlices,
  findDeal,
  giveBackToSlice,
  insertSlices,
  lockAllSlices,
  lockDealCapacity,
  recordConfirmation,
  releaseUnsliced,
  reverseConfirmation,
  setHardCap,
  takeFromOneSlice,
  takeFromSlices,
  writeSlices,
  type DealRow,
  type SliceRow,
} from './repo';

// What the investments module may do to a deal: read its terms and move its counters.
//
// The hard cap is kept by capacity slices (deal_capacity_slices, 0011): when a deal becomes
// active, hard_cap - reserved is split over SLICES rows. A reservation takes its whole amount
// from ONE slice that holds enough and that nobody has locked (FOR UPDATE SKIP LOCKED from a
// random slice), so concurrent invests in a hot deal lock different rows instead of queueing on
// the deal's row until each COMMIT. If every fitting slice is busy it waits for one of them.
// Only when no single slice can (near the cap, a ticket larger than a slice) does it lock ALL
// the deal's slices in slice order and take from several, or refuse with what is left. Every
// slice stays >= 0 (a CHECK too), so reservations never pass the hard cap. Releases add back
// to one slice. Closing a deal or changing its hard cap locks the deal row, then every slice in
// slice order. No deadlock: multi-slice lockers all go in slice order, and a single-slice
// attempt that fails is rolled back to its savepoint, so it never keeps a stray lock.
// Reserved = hard_cap - sum(available) (reservedAmountOf in repo.ts); deals.reserved_unsliced
// holds it for deals without slices (sliced by their first reservation).

export const SLICES = 16;

/** `total` in `n` parts that differ by at most one minor unit, the larger ones first. */
export function splitEvenly(total: bigint, n: number): bigint[] {
  const size = total / BigInt(n);
  const rest = total % BigInt(n);
  return Array.from({ length: n }, (_, i) => size + (BigInt(i) < rest ? 1n : 0n));
}

/** Which locked slices give `amount`, fullest first so the fewest rows change; null when they cannot. */
export function takeAcross(slices: SliceRow[], amount: bigint): { slice: number; amount: bigint }[] | null {
  let left = amount;
  const takes: { slice: number; amount: bigint }[] = [];
  for (const s of [...slices].sort((a, b) => (b.available > a.available ? 1 : b.available < a.available ? -1 : a.slice - b.slice))) {
    if (left === 0n) break;
    const take = s.available < left ? s.available : left;
    if (take > 0n) takes.push({ slice: s.slice, amount: take });
    left -= take;
  }
  return left === 0n ? takes : null;
}

export async function dealForInvestment(t: TenantTx, dealId: string): Promise<DealRow> {
  const deal = await findDeal(t, dealId);
  if (!deal || !['active', 'funded', 'closed', 'completed'].includes(deal.status)) throw new NotFound('Deal not found');
  return deal;
}

/** Why a reservation was refused, read fresh; `left` is what the slices held when it was. */
export async function capacityRefusal(t: TenantTx, deal: DealRow, left: bigint): Promise<AppError> {
  const now = new Date();
  const fresh = (await findDeal(t, deal.id)) ?? deal;
  if (fresh.status !== 'active') return new Conflict('deal_not_open', `This deal is ${fresh.status} and takes no investments`);
  if (fresh.starts_at && fresh.starts_at > now) return new Conflict('deal_not_started', `This deal opens on ${fresh.starts_at.toISOString()}`);
  if (fresh.ends_at && fresh.ends_at <= now) return new Conflict('deal_ended', `This deal closed on ${fresh.ends_at.toISOString()}`);
  return new Conflict(
    'hard_cap_exceeded',
    left > 0n ? `Only ${fromMinorUnits(left, deal.currency_decimals)} ${deal.currency} of this deal is still available` : 'This deal is fully subscribed',
  );
}

async function refuse(t: TenantTx, deal: DealRow, left: bigint): Promise<never> {
  throw await capacityRefusal(t, deal, left);
}

/**
 * Splits an active deal's free capacity over new slices (nothing when another transaction did
 * first); false when the deal is not active. Holds the deal row's lock until commit.
 */
async function sliceDeal(t: TenantTx, dealId: string): Promise<boolean> {
  const d = await lockDealCapacity(t, dealId);
  if (!d || d.status !== 'active') return false;
  await insertSlices(t, dealId, splitEvenly(BigInt(d.hard_cap) - BigInt(d.reserved_unsliced), SLICES), true);
  return true;
}

/**
 * Reserves the amount against the hard cap, or explains exactly why not. Call it last in the
 * transaction: the slice lock it takes is held until commit.
 */
export async function reserveDealCapacity(t: TenantTx, deal: DealRow, amount: bigint): Promise<void> {
  if (await reserveFromOneSlice(t, deal, amount)) return;
  const { slices, left } = await lockCapacity(t, deal, amount);
  if (left < amount) return refuse(t, deal, left);
  await takeFromLockedSlices(t, deal, slices, amount);
}

/** Takes the whole amount from one slice: a free one, else the wait for a busy one. False when no single slice holds it. */
export async function reserveFromOneSlice(t: TenantTx, deal: DealRow, amount: bigint): Promise<boolean> {
  if (await takeFromOneSlice(t, deal.id, amount, { skipLocked: true, start: Math.floor(Math.random() * SLICES) })) return true;
  // Every slice that fits is busy: queue for one of them rather than for all.
  return takeFromOneSlice(t, deal.id, amount, { skipLocked: false });
}

export type LockedCapacity = { slices: SliceRow[]; left: bigint };

/**
 * Locks every slice of the deal in slice order (slicing an active deal that has none) and
 * returns what they hold, for reservations that one slice cannot give. Throws the refusal
 * that applies whatever the amount (closed, not open yet, ended), or when even `smallest`
 * does not fit.
 */
export async function lockCapacity(t: TenantTx, deal: DealRow, smallest: bigint): Promise<LockedCapacity> {
  // Refusals read without locks: a closed deal, a date outside the window or too little left in
  // a consistent snapshot was true at that instant, and past the cap nothing needs to queue.
  const snap = await capacitySnapshot(t, deal.id);
  if (snap.slices > 0 && (!snap.open || !snap.withinDates || snap.available < smallest)) return refuse(t, deal, snap.available);
  if (!snap.withinDates) return refuse(t, deal, 0n);
  let slices = await lockAllSlices(t, deal.id);
  if (slices.length === 0) {
    // A deal made active before 0011 or by SQL: sliced by its first reservation.
    if (!(await sliceDeal(t, deal.id))) return refuse(t, deal, 0n);
    slices = await lockAllSlices(t, deal.id);
  }
  const left = slices.reduce((sum, s) => sum + s.available, 0n);
  if (!slices.every((s) => s.open)) return refuse(t, deal, left);
  return { slices, left };
}

/** Takes an amount that fits (<= their sum) off slices lockCapacity locked. */
export async function takeFromLockedSlices(t: TenantTx, deal: DealRow, slices: SliceRow[], amount: bigint): Promise<void> {
  const takes = takeAcross(slices, amount);
  if (!takes) throw new Error(`takeFromLockedSlices: ${amount} does not fit the locked slices`);
  await takeFromSlices(t, deal.id, takes);
}

/** A cancelled or refunded commitment gives its amount back to the deal. */
export async function releaseDealCapacity(t: TenantTx, dealId: string, amount: bigint): Promise<void> {
  if (await giveBackToSlice(t, dealId, amount)) return;
  // No slices in this snapshot: lock the row (a lazy slicing in flight finishes first), then look again.
  await lockDealCapacity(t, dealId);
  if (await giveBackToSlice(t, dealId, amount)) return;
  await releaseUnsliced(t, dealId, amount);
}

/** Called by the deal workflow after a status change, in its transaction. */
export async function onDealStatusChange(t: TenantTx, dealId: string, from: string, to: string): Promise<void> {
  if (to === 'active' && from !== 'active') await sliceDeal(t, dealId);
  else if (from === 'active' && to !== 'active') await closeSlices(t, dealId);
}

/**
 * Changes a deal's hard cap: locks the deal row and every slice (slice order), refuses a cap
 * below what is already reserved, and re-splits what is free over the slices. An active deal
 * without slices gets them here. Returns the reserved amount the cap was set against.
 */
export async function setDealHardCap(t: TenantTx, dealId: string, hardCap: bigint): Promise<{ reserved: bigint }> {
  const d = await lockDealCapacity(t, dealId);
  if (!d) throw new NotFound('Deal not found');
  const slices = await lockAllSlices(t, dealId);
  const reserved = slices.length ? BigInt(d.hard_cap) - slices.reduce((sum, s) => sum + s.available, 0n) : BigInt(d.reserved_unsliced);
  if (hardCap < reserved)
    throw new ValidationError([{ field: 'hardCap', message: `hardCap cannot be below the ${fromMinorUnits(reserved, d.currency_decimals)} ${d.currency} already committed` }]);
  checkDealAmounts(
    { target: BigInt(d.target_amount), soft: BigInt(d.soft_cap), hard: hardCap, min: BigInt(d.min_ticket), max: d.max_ticket === null ? null : BigInt(d.max_ticket) },
    { startsAt: d.starts_at, endsAt: d.ends_at },
  );
  await setHardCap(t, dealId, hardCap, reserved);
  const parts = splitEvenly(hardCap - reserved, slices.length || SLICES);
  if (slices.length) await writeSlices(t, dealId, parts);
  else if (d.status === 'active') await insertSlices(t, dealId, parts, true);
  return { reserved };
}

export const recordDealConfirmation = (t: TenantTx, dealId: string, amount: bigint, newInvestor: boolean) => recordConfirmation(t, dealId, amount, newInvestor);
export const reverseDealConfirmation = (t: TenantTx, dealId: string, amount: bigint, lastOfInvestor: boolean) => reverseConfirmation(t, dealId, amount, lastOfInvestor);
