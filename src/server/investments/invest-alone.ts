import { audit, type AuditEntry, type RequestMeta } from '../audit/service';
import { findProfile } from '../auth/repo';
import type { Principal } from '../auth/principal';
import { linkCheckToInvestment, recordingBlockedChecks, requireCompliantInvestment } from '../compliance/service';
import { requireDealAudience } from '../deals/browse';
import { dealForInvestment, reserveDealCapacity } from '../deals/capacity';
import type { DealRow } from '../deals/repo';
import type { TenantTx } from '../db/tenant';
import { onInvestmentCreated } from '../escrow/service';
import type { InvestmentStatus } from '../db/types';
import { Conflict, ValidationError } from '../errors';
import { idempotent, requestFingerprint, runClaimed, type ClaimedKey, type Outcome } from '../idempotency/service';
import { uuidv7 } from '../ids';
import { AmountError, fromMinorUnits, toMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { insertInvestment, liveTotalOfInvestor, lockInvestorTotal } from './repo';
import type { InvestInput } from './schema';
import { isOnChain, onChainInstructions, onChainTerms, requireOffChainWallet } from './invest-on-chain';
import { tellInvestor } from './investment-notices';

// The rules of one investment that both ways of recording it share (alone here, or together
// with others in invest-group.ts).

const inCurrency = (deal: DealRow, v: string | bigint) => `${fromMinorUnits(v, deal.currency_decimals)} ${deal.currency}`;

/** The ticket in minor units, or a 400 naming the amount's problem (too many decimals, below the minimum). */
export function ticketOf(deal: DealRow, amountText: string): bigint {
  let amount: bigint;
  try {
    amount = toMinorUnits(amountText, deal.currency_decimals);
  } catch (e) {
    if (e instanceof AmountError) throw new ValidationError([{ field: 'amount', message: `amount ${e.message} (${deal.currency} has ${deal.currency_decimals})` }]);
    throw e;
  }
  if (amount < BigInt(deal.min_ticket)) throw new ValidationError([{ field: 'amount', message: `The minimum investment is ${inCurrency(deal, deal.min_ticket)}` }]);
  return amount;
}

/** Investors whose KYC is not yet approved commit into pending_kyc where the tenant requires KYC. */
export const initialStatus = (tenant: TenantContext, kycStatus: string | null | undefined): InvestmentStatus =>
  tenant.features.kycRequired && kycStatus !== 'approved' ? 'pending_kyc' : 'pending_payment';

export const investorLimitExceeded = (deal: DealRow, total: bigint) =>
  new Conflict('investor_limit_exceeded', `Your investments in this deal would total ${inCurrency(deal, total)}; the maximum per investor is ${inCurrency(deal, deal.max_ticket!)}`);

export const investmentCreated = (p: Principal, id: string, deal: DealRow, amount: bigint, status: InvestmentStatus): AuditEntry => ({
  actorId: p.userId,
  actorRole: p.role,
  action: 'investment.created',
  targetType: 'investment',
  targetId: id,
  metadata: { dealId: deal.id, amount: amount.toString(), currency: deal.currency, status },
});

export const createdResponse = (id: string) => ({ status: 201, body: { success: true, investment: { id, transactionHash: null } } });

export const fingerprintOf = (dealId: string, input: InvestInput) => requestFingerprint({ dealId, ...input });

/**
 * One investment in a transaction of its own (with its Idempotency-Key, or one a group claimed). Checks the ticket against the deal's terms and
 * the compliance rules, records the investment, checks the investor's running total, and only
 * then reserves the amount against the hard cap (deals/capacity.ts). The reservation locks one
 * of the deal's capacity slices until commit, not the deal, so concurrent invests in a hot deal
 * proceed side by side; taking it last keeps that lock for the fewest statements. The
 * investor's total (including this investment) is summed under an advisory lock on
 * (tenant, deal, investor), so two simultaneous invests of one investor are checked one after
 * the other while other investors never wait for it. Investors whose KYC is not yet approved
 * commit into pending_kyc.
 */
export async function investAlone(tenant: TenantContext, p: Principal, dealId: string, input: InvestInput, key: string | ClaimedKey | null, meta: RequestMeta): Promise<Outcome> {
  const work = investWork(tenant, p, dealId, input, meta);
  return recordingBlockedChecks(tenant.id, p.userId, () =>
    key !== null && typeof key === 'object' ? runClaimed(key, work) : idempotent(tenant.id, p.userId, { endpoint: endpointOf(dealId), key }, fingerprintOf(dealId, input), work),
  );
}

export const endpointOf = (dealId: string) => `POST /api/deals/${dealId}/invest`;

const investWork = (tenant: TenantContext, p: Principal, dealId: string, input: InvestInput, meta: RequestMeta) => async (t: TenantTx) => {
  const deal = await dealForInvestment(t, dealId);
  await requireDealAudience(t, p, deal);
  const amount = ticketOf(deal, input.amount);
  requireOffChainWallet(deal, input);
  const now = new Date();
  const chain = isOnChain(deal) ? await onChainTerms(t, tenant, p.userId, deal, input, now) : null;
  // Before any capacity is taken: a blocked attempt throws (403, the rule's code) and is recorded.
  const checkId = await requireCompliantInvestment(t, { tenant, investorId: p.userId, deal, amountMinor: amount, orderCountry: input.orderCountry ?? null, now: new Date() });
  const profile = await findProfile(t, p.userId);
  // On chain the money waits in the investor's own escrow contract whatever the KYC status: the
  // investment is pending_payment until the indexer sees the escrow funded.
  const status = chain ? 'pending_payment' : initialStatus(tenant, profile?.kyc_status);
  const id = uuidv7();
  await insertInvestment(t, {
    id,
    deal_id: deal.id,
    investor_id: p.userId,
    amount,
    currency: deal.currency,
    currency_decimals: deal.currency_decimals,
    payment_method: input.paymentMethod,
    wallet_address: chain?.walletAddress ?? input.walletAddress ?? null,
    status,
    chain_id: chain?.chainId ?? null,
    funding_expires_at: chain?.fundingExpiresAt ?? null,
  });
  await onInvestmentCreated(t, { id, investorId: p.userId, dealId: deal.id, amount, currency: deal.currency, status });
  await tellInvestor(t, { id, deal_id: deal.id, investor_id: p.userId, amount, currency: deal.currency, currency_decimals: deal.currency_decimals }, 'received', { dealTitle: deal.title });
  await linkCheckToInvestment(t, checkId, id);
  await audit(t, investmentCreated(p, id, deal, amount, status), meta);

  let total: bigint | null = null;
  if (deal.max_ticket !== null || chain) {
    await lockInvestorTotal(t, deal.id, p.userId);
    total = await liveTotalOfInvestor(t, deal.id, p.userId);
    if (deal.max_ticket !== null && total > BigInt(deal.max_ticket)) throw investorLimitExceeded(deal, total);
  }
  // Last: a capacity slice's row lock. A refusal rolls back everything above.
  await reserveDealCapacity(t, deal, amount);
  if (!chain) return createdResponse(id);
  const response = createdResponse(id);
  return { ...response, body: { ...response.body, onChain: await onChainInstructions(deal, chain, amount, total ?? amount) } };
};
