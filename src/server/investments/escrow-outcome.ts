import type { TenantTx } from '../db/tenant';
import type { InvestmentStatus } from '../db/types';
import { dealForInvestment, releaseDealCapacity, reserveDealCapacity } from '../deals/capacity';
import { countConfirmation, uncountConfirmation } from './confirmation-effects';
import { tellInvestor } from './investment-notices';
import { canMove } from './lifecycle';
import { bindEscrowsToReservations, findInvestmentForUpdate, hasOtherConfirmed, insertEvent, moveInvestment, reopenEscrowedInvestment, unbindEscrow } from './repo';

// What an on-chain escrow's outcome does to the investment it holds (the chain indexer calls
// these through escrow/movements.ts). The chain has already moved the money, so the investment
// follows from in_escrow (or from pending_kyc, an off-chain hold the chain overtook); anything
// else is reported back unchanged for the caller to record.

export type EscrowOutcome = { moved: boolean; from: InvestmentStatus; status: InvestmentStatus } | null;

/** Released into the sale: the money counts as raised on the deal. */
export async function confirmInvestmentFromEscrow(t: TenantTx, investmentId: string, actorId: string | null, reason: string, at: Date): Promise<EscrowOutcome> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv) return null;
  if ((inv.status !== 'in_escrow' && inv.status !== 'pending_kyc') || !canMove(inv.status, 'confirmed')) return { moved: false, from: inv.status, status: inv.status };
  const newInvestor = !(await hasOtherConfirmed(t, inv.deal_id, inv.investor_id, inv.id));
  await moveInvestment(t, inv.id, inv.status, 'confirmed', { confirmed_at: at });
  await countConfirmation(t, inv, newInvestor);
  await insertEvent(t, inv.id, inv.status, 'confirmed', actorId, reason);
  await tellInvestor(t, inv, 'confirmed');
  return { moved: true, from: inv.status, status: 'confirmed' };
}

/** Refunded to the investor: the commitment leaves the deal's hard cap. */
export async function refundInvestmentFromEscrow(t: TenantTx, investmentId: string, actorId: string | null, reason: string): Promise<EscrowOutcome> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv) return null;
  if ((inv.status !== 'in_escrow' && inv.status !== 'pending_kyc') || !canMove(inv.status, 'refunded')) return { moved: false, from: inv.status, status: inv.status };
  await moveInvestment(t, inv.id, inv.status, 'refunded', { cancel_reason: reason });
  await releaseDealCapacity(t, inv.deal_id, BigInt(inv.amount));
  await insertEvent(t, inv.id, inv.status, 'refunded', actorId, reason);
  await tellInvestor(t, inv, 'refunded', { reason });
  return { moved: true, from: inv.status, status: 'refunded' };
}

/**
 * EscrowCreated events fund reservations: each escrow binds the oldest open reservation of its
 * deal from its wallet for exactly its amount (pending_payment -> in_escrow, with the escrow's
 * address, the funding tx and an investment event). Returns the investments bound, by escrow address.
 */
export async function fundReservationsFromEscrows(
  t: TenantTx,
  chainId: number,
  tokenDecimals: number,
  escrows: { dealId: string; wallet: string; tokenAmount: bigint; escrow: string; txHash: string }[],
): Promise<Map<string, { id: string; dealId: string; investorId: string; amount: string; currency: string }>> {
  const rows = await bindEscrowsToReservations(t, chainId, tokenDecimals, escrows);
  return new Map(rows.map((r) => [r.escrow, { id: r.id, dealId: r.deal_id, investorId: r.investor_id, amount: r.amount, currency: r.currency }]));
}

// ---- rewinds: a chain reorganisation removed the block that moved the investment. The history
// keeps both moves (investment_events is the investor's timeline); counters are put back.

export async function rewindInvestmentFunding(t: TenantTx, investmentId: string, reason: string): Promise<void> {
  if ((await unbindEscrow(t, investmentId)) === 1) await insertEvent(t, investmentId, 'in_escrow', 'pending_payment', null, reason);
}

export async function rewindInvestmentOutcome(t: TenantTx, investmentId: string, from: InvestmentStatus, to: InvestmentStatus, reason: string): Promise<void> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv || inv.status !== from) return;
  if ((await reopenEscrowedInvestment(t, investmentId, from, to)) !== 1) return;
  if (from === 'confirmed') {
    const lastOfInvestor = !(await hasOtherConfirmed(t, inv.deal_id, inv.investor_id, inv.id));
    await uncountConfirmation(t, inv, lastOfInvestor, reason);
  } else if (from === 'refunded') {
    // The refund gave the amount back to the deal; the re-opened escrow holds it again. Past a
    // closed or full deal the slices refuse, and the escrow stays held without the reservation.
    const deal = await dealForInvestment(t, inv.deal_id).catch(() => null);
    if (deal) await reserveDealCapacity(t, deal, BigInt(inv.amount)).catch(() => undefined);
  }
  await insertEvent(t, investmentId, from, to, null, reason);
}
