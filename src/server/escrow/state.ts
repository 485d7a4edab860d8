import type { EscrowRefundReason, EscrowStatus } from '../db/types';

// The escrow state machine, one place for the off-chain ledger and the chain work. It
// mirrors contracts/src/EscrowCore.sol: held (Pending) -> released | refunded, nothing
// after. Every function takes `now`, so the clock is the caller's (tests control it).
//
// On chain the decision window is 14 days and may be extended up to the 30-day maximum
// life; after the (extended) deadline anyone may refund by timeout. Off chain, the 14-day
// mark is when admins are alerted (the moment the chain work extends the on-chain deadline
// to the maximum), and a decision stays possible until the 30-day expiry. As on chain
// (`block.timestamp <= deadline` keeps the window open), the expiry instant itself still
// belongs to the decision window: timeout refunds start strictly after it.

export const DECISION_WINDOW_MS = 14 * 24 * 3600 * 1000;
export const MAX_LIFETIME_MS = 30 * 24 * 3600 * 1000;

export const ESCROW_TRANSITIONS: Record<EscrowStatus, EscrowStatus[]> = {
  held: ['released', 'refunded'],
  released: [],
  refunded: [],
};

export type EscrowClock = { status: EscrowStatus; deadlineAdmin: Date; expiresAt: Date; adminAlertedAt: Date | null };

export function escrowDeadlines(createdAt: Date): { deadlineAdmin: Date; expiresAt: Date } {
  return { deadlineAdmin: new Date(createdAt.getTime() + DECISION_WINDOW_MS), expiresAt: new Date(createdAt.getTime() + MAX_LIFETIME_MS) };
}

export function canMoveEscrow(from: EscrowStatus, to: EscrowStatus): boolean {
  return ESCROW_TRANSITIONS[from].includes(to);
}

/** Past the maximum life: only a timeout refund remains (refundAfterTimeout). */
export function isExpired(e: EscrowClock, now: Date): boolean {
  return now.getTime() > e.expiresAt.getTime();
}

/** Release to the deal, or refund on rejection: only while held and not expired (_closeWithinWindow). */
export function canDecide(e: EscrowClock, now: Date): boolean {
  return e.status === 'held' && !isExpired(e, now);
}

/**
 * Whether a refund for this reason is allowed now: a rejection only within the window, a
 * timeout only after it, a manual refund whenever the escrow is still held (refundManually).
 */
export function canRefund(e: EscrowClock, reason: EscrowRefundReason, now: Date): boolean {
  if (e.status !== 'held') return false;
  if (reason === 'timeout') return isExpired(e, now);
  if (reason === 'rejection') return !isExpired(e, now);
  return true;
}

/** The 14-day decision deadline has come and no admin was told yet. */
export function needsAdminAlert(e: EscrowClock, now: Date): boolean {
  return e.status === 'held' && e.adminAlertedAt === null && now.getTime() >= e.deadlineAdmin.getTime() && !isExpired(e, now);
}

/** Whole days left until a moment (negative once past), for the admin view. */
export function daysLeft(until: Date, now: Date): number {
  return Math.floor((until.getTime() - now.getTime()) / (24 * 3600 * 1000));
}
