import type { TenantTx } from '../db/tenant';
import type { InvestmentStatus } from '../db/types';
import { releaseDealCapacity } from '../deals/capacity';
import { tellInvestor } from './investment-notices';
import { canMove } from './lifecycle';
import { findInvestmentForUpdate, insertEvent, moveInvestment } from './repo';

// What an escrow decision does to the investment it holds, kept in the investments module
// so its lifecycle, events and deal counters stay its own. Only a pending_kyc investment is
// moved: one that left pending_kyc another way (the investor cancelled, an admin refunded)
// is reported back unchanged.

export type KycHoldOutcome = { moved: boolean; status: InvestmentStatus } | null;

/** KYC and compliance cleared: pending_kyc -> pending_payment. */
export async function releaseInvestmentFromKycHold(t: TenantTx, investmentId: string, actorId: string | null, reason: string): Promise<KycHoldOutcome> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv) return null;
  if (inv.status !== 'pending_kyc' || !canMove(inv.status, 'pending_payment')) return { moved: false, status: inv.status };
  await moveInvestment(t, inv.id, 'pending_kyc', 'pending_payment');
  await insertEvent(t, inv.id, 'pending_kyc', 'pending_payment', actorId, reason);
  return { moved: true, status: 'pending_payment' };
}

/** The escrow went back to the investor: pending_kyc -> refunded, and the deal gets the capacity back. */
export async function refundInvestmentFromKycHold(t: TenantTx, investmentId: string, actorId: string | null, reason: string): Promise<KycHoldOutcome> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv) return null;
  if (inv.status !== 'pending_kyc' || !canMove(inv.status, 'refunded')) return { moved: false, status: inv.status };
  await moveInvestment(t, inv.id, 'pending_kyc', 'refunded', { cancel_reason: reason });
  await releaseDealCapacity(t, inv.deal_id, BigInt(inv.amount));
  await insertEvent(t, inv.id, 'pending_kyc', 'refunded', actorId, reason);
  await tellInvestor(t, inv, 'refunded', { reason });
  return { moved: true, status: 'refunded' };
}
