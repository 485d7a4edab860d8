import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { Investment, InvestmentStatus } from '../db/types';
import { closeReconfirmations, hasPendingReconfirmation, isRegCfDeal, regCfCancellationRefusal } from '../compliance/service';
import { releaseDealCapacity } from '../deals/capacity';
import { findDeal } from '../deals/repo';
import { refundEscrowOfCancelledCommitment, type EscrowActor } from '../escrow/service';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { CANCELLABLE_STATUSES, REG_CF_CANCELLABLE_STATUSES } from './lifecycle';
import { tellInvestor } from './investment-notices';
import { findInvestmentForUpdate, insertEvent, moveInvestment } from './repo';

export type CancelOutcome = { status: InvestmentStatus; refund: 'none' | 'ledger' | 'on_chain' };

/**
 * Cancels a locked commitment, in the caller's transaction: the one path for the investor's own
 * cancellation and for the sweep's (a Reg CF commitment not reconfirmed after a material change,
 * 227.304(c)). With `refundEscrow`, money held in escrow goes back through the escrow module: off
 * chain at once (its refund moves the investment to refunded), on chain as a recorded manual refund
 * the chain work sends (the investment follows when the indexer sees it). Money in the deal's escrow
 * off chain (in_escrow) is refunded; a commitment on which no money moved is cancelled. Its
 * capacity returns to the deal.
 */
export async function cancelCommitment(t: TenantTx, inv: Investment, actor: EscrowActor, reason: string, now: Date, meta: RequestMeta, opts: { refundEscrow: boolean }): Promise<CancelOutcome> {
  let current = inv;
  const refund = opts.refundEscrow ? await refundEscrowOfCancelledCommitment(t, inv.id, reason, actor, now, meta) : 'none';
  if (refund === 'on_chain') {
    await audit(t, { actorId: actor.userId, actorRole: actor.role, action: 'investment.cancelled', targetType: 'investment', targetId: inv.id, metadata: { dealId: inv.deal_id, refunded: 'on_chain', reason } }, meta);
    return { status: inv.status, refund };
  }
  if (refund === 'ledger') {
    const after = await findInvestmentForUpdate(t, inv.id);
    if (!after || after.status === 'refunded') {
      await audit(t, { actorId: actor.userId, actorRole: actor.role, action: 'investment.cancelled', targetType: 'investment', targetId: inv.id, metadata: { dealId: inv.deal_id, refunded: 'escrow', reason } }, meta);
      return { status: 'refunded', refund };
    }
    current = after;
  }
  // Money on chain with no escrow held here cannot be returned by a ledger entry (the ledger follows the chain).
  if (current.status === 'in_escrow' && current.chain_id !== null)
    throw new Conflict('investment_on_chain', `This investment settles on chain ${current.chain_id}: its escrow must be refunded on chain`);
  const to: InvestmentStatus = current.status === 'in_escrow' ? 'refunded' : 'cancelled';
  if ((await moveInvestment(t, current.id, current.status, to, { cancel_reason: reason })) !== 1) throw new Conflict('investment_not_cancellable', 'The investment changed meanwhile; try again');
  await releaseDealCapacity(t, current.deal_id, BigInt(current.amount));
  await insertEvent(t, current.id, current.status, to, actor.userId, reason);
  if (to === 'refunded') await tellInvestor(t, current, 'refunded', { reason });
  await audit(t, { actorId: actor.userId, actorRole: actor.role, action: 'investment.cancelled', targetType: 'investment', targetId: current.id, metadata: { dealId: current.deal_id, from: current.status, to, reason } }, meta);
  return { status: to, refund };
}

/**
 * The investor withdraws a commitment; its capacity returns to the deal. Outside Reg CF: only
 * while no money has moved. In a Reg CF deal (227.304(a)): also with money in escrow, which is
 * refunded, until 48 hours before the deadline; after a material change not yet reconfirmed
 * (227.304(c)), at any time.
 */
export async function cancelInvestment(tenant: TenantContext, p: Principal, investmentId: string, reason: string | undefined, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const inv = await findInvestmentForUpdate(t, investmentId);
    if (!inv || inv.investor_id !== p.userId) throw new NotFound('Investment not found');
    const deal = await findDeal(t, inv.deal_id);
    const regCf = !!deal && isRegCfDeal(deal);
    if (!(regCf ? REG_CF_CANCELLABLE_STATUSES : CANCELLABLE_STATUSES).includes(inv.status))
      throw new Conflict('investment_not_cancellable', `An investment that is ${inv.status} can no longer be cancelled`);
    const now = new Date();
    const refusal = regCf && !(await hasPendingReconfirmation(t, inv.id, now)) ? regCfCancellationRefusal(deal, now) : null;
    if (refusal) throw refusal;
    const outcome = await cancelCommitment(t, inv, { userId: p.userId, role: p.role }, reason ?? 'cancelled by investor', now, meta, { refundEscrow: regCf });
    await closeReconfirmations(t, inv.id, 'cancelled', now);
    // On chain the refund is on its way: the investment shows refunded once the chain has done it.
    return { success: true, investment: { id: inv.id, status: outcome.status, refundPendingOnChain: outcome.refund === 'on_chain' } };
  });
}
