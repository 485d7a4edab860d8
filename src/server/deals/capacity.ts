import type { TenantTx } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import { fromMinorUnits } from '../money';
import { findDeal, recordConfirmation, releaseCapacity, reserveCapacity, reverseConfirmation, type DealRow } from './repo';

// What the investments module may do to a deal: read its terms and move its counters.

export async function dealForInvestment(t: TenantTx, dealId: string): Promise<DealRow> {
  const deal = await findDeal(t, dealId);
  if (!deal || !['active', 'funded', 'closed', 'completed'].includes(deal.status)) throw new NotFound('Deal not found');
  return deal;
}

/** Reserves the amount against the hard cap atomically, or explains exactly why not. */
export async function reserveDealCapacity(t: TenantTx, deal: DealRow, amount: bigint): Promise<void> {
  if (await reserveCapacity(t, deal.id, amount)) return;
  const now = new Date();
  if (deal.status !== 'active') throw new Conflict('deal_not_open', `This deal is ${deal.status} and takes no investments`);
  if (deal.starts_at && deal.starts_at > now) throw new Conflict('deal_not_started', `This deal opens on ${deal.starts_at.toISOString()}`);
  if (deal.ends_at && deal.ends_at <= now) throw new Conflict('deal_ended', `This deal closed on ${deal.ends_at.toISOString()}`);
  const fresh = await findDeal(t, deal.id);
  const left = fresh ? BigInt(fresh.hard_cap) - BigInt(fresh.reserved_amount) : 0n;
  throw new Conflict(
    'hard_cap_exceeded',
    left > 0n
      ? `Only ${fromMinorUnits(left, deal.currency_decimals)} ${deal.currency} of this deal is still available`
      : 'This deal is fully subscribed',
  );
}

export const releaseDealCapacity = (t: TenantTx, dealId: string, amount: bigint) => releaseCapacity(t, dealId, amount);
export const recordDealConfirmation = (t: TenantTx, dealId: string, amount: bigint, newInvestor: boolean) => recordConfirmation(t, dealId, amount, newInvestor);
export const reverseDealConfirmation = (t: TenantTx, dealId: string, amount: bigint, lastOfInvestor: boolean) => reverseConfirmation(t, dealId, amount, lastOfInvestor);
