// An on-chain reservation lasts until its funding deadline: if the investor's wallet has not
// funded an escrow by then, the investment is cancelled (cancel_reason 'funding_expired') and its
// capacity returns to the deal. Each investment is locked (select ... for update) and re-checked,
// as the indexer locks it to bind an escrow: whichever comes first wins, and an escrow that
// arrives after the cancellation is the indexer's unmatched escrow (refunded by hand).
import { audit } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import { releaseDealCapacity } from '../deals/capacity';
import { expiredFundingReservations, findInvestmentForUpdate, insertEvent, moveInvestment } from './repo';

export const FUNDING_EXPIRED = 'funding_expired';
const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

export async function expireUnfundedReservations(t: TenantTx, now: Date, limit = 500): Promise<number> {
  let expired = 0;
  for (const id of await expiredFundingReservations(t, now, limit)) {
    const inv = await findInvestmentForUpdate(t, id);
    if (!inv || inv.status !== 'pending_payment' || inv.escrow_address !== null || !inv.funding_expires_at || inv.funding_expires_at >= now) continue;
    if ((await moveInvestment(t, inv.id, 'pending_payment', 'cancelled', { cancel_reason: FUNDING_EXPIRED })) !== 1) continue;
    await releaseDealCapacity(t, inv.deal_id, BigInt(inv.amount));
    await insertEvent(t, inv.id, 'pending_payment', 'cancelled', null, 'No escrow was funded before the funding deadline');
    await audit(t, { actorId: null, actorRole: 'system', action: 'investment.funding_expired', targetType: 'investment', targetId: inv.id, metadata: { dealId: inv.deal_id, amount: inv.amount, fundingExpiresAt: inv.funding_expires_at.toISOString() } }, NO_REQUEST);
    expired++;
  }
  return expired;
}
