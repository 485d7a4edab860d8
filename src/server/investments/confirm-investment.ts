import { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { Investment, InvestmentStatus } from '../db/types';
import { recordLegendOnSale, regCfReconfirmationRefusal, regCfSaleRefusal } from '../compliance/service';
import { releaseDealCapacity } from '../deals/capacity';
import { countConfirmation, uncountConfirmation } from './confirmation-effects';
import { findDeal } from '../deals/repo';
import { Conflict, NotFound } from '../errors';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { canMove } from './lifecycle';
import { tellInvestor } from './investment-notices';
import { findInvestmentForUpdate, hasOtherConfirmed, insertEvent, moveInvestment } from './repo';

// Operator settlement of one investment: the tenant admin records that a wire arrived
// (confirm) or that money went back (refund). Until the payment and escrow adapters land,
// this is the only way money becomes "raised".

export const confirmInvestmentInput = z.object({ note: z.string().trim().min(1).max(500).optional() }).strict().optional();
export const refundInvestmentInput = z.object({ reason: z.string({ error: 'reason is required' }).trim().min(3, 'reason must say why (3+ characters)').max(1000) }).strict();

type Settlement = { to: InvestmentStatus; reason: string | null };

async function lockedInvestment(t: TenantTx, investmentId: string, to: InvestmentStatus): Promise<Investment> {
  const inv = await findInvestmentForUpdate(t, investmentId);
  if (!inv) throw new NotFound('Investment not found');
  // On chain the money is in the investor's escrow contract: only the chain settles it (escrow
  // release or refund, POST /api/admin/escrow/{id}/...), never a ledger entry made by hand.
  if (inv.chain_id !== null)
    throw new Conflict('investment_on_chain', `This investment settles on chain ${inv.chain_id}: release or refund its escrow instead (the ledger follows the chain)`);
  if (!canMove(inv.status, to)) throw new Conflict('invalid_transition', `An investment that is ${inv.status} cannot become ${to}`);
  return inv;
}

function settlementView(inv: Investment, s: Settlement, at: Date) {
  return {
    investment: {
      id: inv.id,
      dealId: inv.deal_id,
      investorId: inv.investor_id,
      amount: fromMinorUnits(inv.amount, inv.currency_decimals),
      currency: inv.currency,
      status: s.to,
      previousStatus: inv.status,
      reason: s.reason,
      confirmedAt: s.to === 'confirmed' ? at.toISOString() : (inv.confirmed_at?.toISOString() ?? null),
    },
  };
}

async function settle(tenant: TenantContext, admin: Principal, investmentId: string, s: Settlement, apply: (t: TenantTx, inv: Investment) => Promise<void>, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const inv = await lockedInvestment(t, investmentId, s.to);
    const now = new Date();
    // The row is locked FOR UPDATE, so the expected-status update cannot lose a race.
    await moveInvestment(t, inv.id, inv.status, s.to, s.to === 'confirmed' ? { confirmed_at: now } : { cancel_reason: s.reason });
    await apply(t, inv);
    await insertEvent(t, inv.id, inv.status, s.to, admin.userId, s.reason);
    await tellInvestor(t, inv, s.to === 'confirmed' ? 'confirmed' : 'refunded', { reason: s.to === 'refunded' ? s.reason : null });
    await audit(
      t,
      {
        actorId: admin.userId,
        actorRole: admin.role,
        action: s.to === 'confirmed' ? 'investment.confirmed' : 'investment.refunded',
        targetType: 'investment',
        targetId: inv.id,
        metadata: { dealId: inv.deal_id, from: inv.status, amount: inv.amount, currency: inv.currency, reason: s.reason },
      },
      meta,
    );
    return settlementView(inv, s, now);
  });
}

/** pending_payment | in_escrow -> confirmed: the money counts as raised on the deal. */
export function confirmInvestment(tenant: TenantContext, admin: Principal, investmentId: string, note: string | undefined, meta: RequestMeta) {
  return settle(tenant, admin, investmentId, { to: 'confirmed', reason: note ?? null }, async (t, inv) => {
    // The confirmation is the sale: Reg CF sells only with a Form C on record, 21 days after publication (227.303(a)(2)).
    const deal = await findDeal(t, inv.deal_id);
    const refusal = (deal && regCfSaleRefusal(deal, new Date())) || (await regCfReconfirmationRefusal(t, inv.id));
    if (refusal) throw refusal;
    const newInvestor = !(await hasOtherConfirmed(t, inv.deal_id, inv.investor_id, inv.id));
    await countConfirmation(t, inv, newInvestor);
    // 230.502(d): a Reg D holding is restricted: its legend and stop-transfer instruction from the sale.
    if (deal) await recordLegendOnSale(t, inv, deal, new Date());
  }, meta);
}

/**
 * -> refunded (from the statuses canMove allows): the commitment leaves the hard cap, and a
 * confirmed amount leaves the raised total.
 */
export function refundInvestment(tenant: TenantContext, admin: Principal, investmentId: string, reason: string, meta: RequestMeta) {
  return settle(tenant, admin, investmentId, { to: 'refunded', reason }, async (t, inv) => {
    if (inv.status === 'confirmed') {
      const lastOfInvestor = !(await hasOtherConfirmed(t, inv.deal_id, inv.investor_id, inv.id));
      await uncountConfirmation(t, inv, lastOfInvestor, `Investment refunded: ${reason}`);
    }
    await releaseDealCapacity(t, inv.deal_id, BigInt(inv.amount));
  }, meta);
}
