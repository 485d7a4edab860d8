import type { InvestmentStatus } from '../db/types';

// The investment state machine, shared by the API, KYC decisions, escrow jobs and the chain
// indexer: pending_kyc -> pending_payment -> in_escrow -> confirmed | refunded | cancelled.
export const INVESTMENT_TRANSITIONS: Record<InvestmentStatus, InvestmentStatus[]> = {
  pending_kyc: ['pending_payment', 'in_escrow', 'cancelled', 'refunded'],
  pending_payment: ['in_escrow', 'confirmed', 'cancelled'],
  in_escrow: ['confirmed', 'refunded'],
  confirmed: ['refunded'],
  refunded: [],
  cancelled: [],
};

/** Statuses whose money still counts against the deal's hard cap and the investor's maximum. */
export const LIVE_STATUSES: InvestmentStatus[] = ['pending_kyc', 'pending_payment', 'in_escrow', 'confirmed'];
/** The investor may still walk away: no money has moved yet. */
export const CANCELLABLE_STATUSES: InvestmentStatus[] = ['pending_kyc', 'pending_payment'];
/** A Reg CF commitment until the sale, money in escrow included (227.304(a)): the escrow is refunded. */
export const REG_CF_CANCELLABLE_STATUSES: InvestmentStatus[] = ['pending_kyc', 'pending_payment', 'in_escrow'];

export function canMove(from: InvestmentStatus, to: InvestmentStatus): boolean {
  return INVESTMENT_TRANSITIONS[from].includes(to);
}
