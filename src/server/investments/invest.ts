import { audit, type RequestMeta } from '../audit/service';
import { findProfile } from '../auth/repo';
import type { Principal } from '../auth/principal';
import { linkCheckToInvestment, recordingBlockedChecks, requireCompliantInvestment } from '../compliance/service';
import { dealForInvestment, reserveDealCapacity } from '../deals/capacity';
import { onInvestmentCreated } from '../escrow/service';
import type { InvestmentStatus } from '../db/types';
import { Conflict, ValidationError } from '../errors';
import { idempotent, requestFingerprint, type Outcome } from '../idempotency/service';
import { uuidv7 } from '../ids';
import { AmountError, fromMinorUnits, toMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { insertInvestment, liveTotalOfInvestor, lockInvestorTotal } from './repo';
import type { InvestInput } from './schema';

/**
 * POST /api/deals/[id]/invest. Checks the ticket against the deal's terms and the
 * compliance rules, records the investment, checks the investor's running total, and only
 * then reserves the amount against the hard cap (deals/capacity.ts). The reservation locks one
 * of the deal's capacity slices until commit, not the deal, so concurrent invests in a hot deal
 * proceed side by side; taking it last keeps that lock for the fewest statements. The
 * investor's total (including this investment) is summed under an advisory lock on
 * (tenant, deal, investor), so two simultaneous invests of one investor are checked one after
 * the other while other investors never wait for it. Investors whose KYC is not yet approved
 * commit into pending_kyc.
 */
export async function invest(tenant: TenantContext, p: Principal, dealId: string, input: InvestInput, idempotencyKey: string | null, meta: RequestMeta): Promise<Outcome> {
  const fingerprint = requestFingerprint({ dealId, ...input });
  return recordingBlockedChecks(tenant.id, p.userId, () => idempotent(tenant.id, p.userId, { endpoint: `POST /api/deals/${dealId}/invest`, key: idempotencyKey }, fingerprint, async (t) => {
    const deal = await dealForInvestment(t, dealId);
    let amount: bigint;
    try {
      amount = toMinorUnits(input.amount, deal.currency_decimals);
    } catch (e) {
      if (e instanceof AmountError) throw new ValidationError([{ field: 'amount', message: `amount ${e.message} (${deal.currency} has ${deal.currency_decimals})` }]);
      throw e;
    }
    const unit = (v: string | bigint) => `${fromMinorUnits(v, deal.currency_decimals)} ${deal.currency}`;
    if (amount < BigInt(deal.min_ticket)) throw new ValidationError([{ field: 'amount', message: `The minimum investment is ${unit(deal.min_ticket)}` }]);

    // Before any capacity is taken: a blocked attempt throws (403, the rule's code) and is recorded.
    const checkId = await requireCompliantInvestment(t, { tenant, investorId: p.userId, deal, amountMinor: amount, now: new Date() });
    const profile = await findProfile(t, p.userId);
    const status: InvestmentStatus = tenant.features.kycRequired && profile?.kyc_status !== 'approved' ? 'pending_kyc' : 'pending_payment';
    const id = uuidv7();
    await insertInvestment(t, {
      id,
      deal_id: deal.id,
      investor_id: p.userId,
      amount,
      currency: deal.currency,
      currency_decimals: deal.currency_decimals,
      payment_method: input.paymentMethod,
      wallet_address: input.walletAddress ?? null,
      status,
    });
    await onInvestmentCreated(t, { id, investorId: p.userId, dealId: deal.id, amount, currency: deal.currency, status });
    await linkCheckToInvestment(t, checkId, id);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'investment.created', targetType: 'investment', targetId: id, metadata: { dealId: deal.id, amount: amount.toString(), currency: deal.currency, status } }, meta);

    if (deal.max_ticket !== null) {
      await lockInvestorTotal(t, deal.id, p.userId);
      const total = await liveTotalOfInvestor(t, deal.id, p.userId);
      if (total > BigInt(deal.max_ticket))
        throw new Conflict('investor_limit_exceeded', `Your investments in this deal would total ${unit(total)}; the maximum per investor is ${unit(deal.max_ticket)}`);
    }
    // Last: a capacity slice's row lock. A refusal rolls back everything above.
    await reserveDealCapacity(t, deal, amount);
    return { status: 201, body: { success: true, investment: { id, transactionHash: null } } };
  }));
}
