import type { TenantTx } from '../db/tenant';
import type { InvestmentStatus } from '../db/types';
import { uuidv7 } from '../ids';
import { insertEscrowOnce, insertMovement, pendingKycWithoutEscrow } from './repo';
import { escrowDeadlines } from './state';

export type NewInvestment = { id: string; investorId: string; dealId: string; amount: bigint | string; currency: string; status: InvestmentStatus; createdAt?: Date };

/**
 * An investor whose KYC is not yet sufficient commits into escrow: the investment's money
 * is held with a 14-day decision deadline and a 30-day expiry, counted from the investment.
 * Idempotent (one escrow per investment); anything but pending_kyc opens nothing.
 */
export async function openEscrowForInvestment(t: TenantTx, inv: NewInvestment): Promise<boolean> {
  if (inv.status !== 'pending_kyc') return false;
  const createdAt = inv.createdAt ?? new Date();
  const id = uuidv7(createdAt.getTime());
  const amount = inv.amount.toString();
  const opened = await insertEscrowOnce(t, { id, investmentId: inv.id, investorId: inv.investorId, dealId: inv.dealId, amount, currency: inv.currency, createdAt, ...escrowDeadlines(createdAt) });
  if (opened) await insertMovement(t, { escrowId: id, kind: 'deposit', amount, actorId: inv.investorId, at: createdAt });
  return opened;
}

/** The hook invest.ts calls right after inserting the investment, in the same transaction. */
export const onInvestmentCreated = openEscrowForInvestment;

/**
 * Opens the escrows pending_kyc investments are missing (created without the hook), with
 * deadlines counted from the investment's own creation. Returns how many it opened.
 */
export async function backfillEscrows(t: TenantTx, opts: { investorId?: string; limit?: number } = {}): Promise<number> {
  let opened = 0;
  for (const inv of await pendingKycWithoutEscrow(t, opts.limit ?? 500, opts.investorId)) {
    const ok = await openEscrowForInvestment(t, { id: inv.id, investorId: inv.investor_id, dealId: inv.deal_id, amount: inv.amount, currency: inv.currency, status: 'pending_kyc', createdAt: inv.created_at });
    if (ok) opened++;
  }
  return opened;
}
