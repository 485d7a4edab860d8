import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { regCfCancellationRefusal } from '../compliance/service';
import { releaseDealCapacity } from '../deals/capacity';
import { findDeal } from '../deals/repo';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { CANCELLABLE_STATUSES } from './lifecycle';
import { findInvestmentForUpdate, insertEvent, moveInvestment } from './repo';

/** The investor withdraws an investment on which no money has moved; its capacity returns to the deal. */
export async function cancelInvestment(tenant: TenantContext, p: Principal, investmentId: string, reason: string | undefined, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const inv = await findInvestmentForUpdate(t, investmentId);
    if (!inv || inv.investor_id !== p.userId) throw new NotFound('Investment not found');
    if (!CANCELLABLE_STATUSES.includes(inv.status)) throw new Conflict('investment_not_cancellable', `An investment that is ${inv.status} can no longer be cancelled`);
    const deal = await findDeal(t, inv.deal_id);
    const refusal = deal && regCfCancellationRefusal(deal, new Date());
    if (refusal) throw refusal;
    await moveInvestment(t, inv.id, inv.status, 'cancelled', { cancel_reason: reason ?? 'cancelled by investor' });
    await releaseDealCapacity(t, inv.deal_id, BigInt(inv.amount));
    await insertEvent(t, inv.id, inv.status, 'cancelled', p.userId, reason ?? null);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'investment.cancelled', targetType: 'investment', targetId: inv.id, metadata: { dealId: inv.deal_id } }, meta);
    return { success: true, investment: { id: inv.id, status: 'cancelled' } };
  });
}
