import { withTenant, type TenantTx } from '../db/tenant';
import { AppError, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { evaluateInvestment, evaluateWithFacts, type CheckRecord, type EvaluateInput, type Evaluation } from './engine';
import { loadGroupFacts } from './investor-facts';
import { dealTermsOf, policyOf } from './policy';
import { insertCheck, insertChecks, linkCheck } from './repo';
import { exemptionConflict } from './rules/exemptions';
import { toUsdCents, usd } from './rules/investor-status';
import { REG_A_TIER_MAX_USD_CENTS, regATierOf } from './rules/reg-a';
import { REG_CF_ISSUER_MAX_USD_CENTS } from './rules/reg-cf-issuer-limit';

// What other modules may ask of compliance: may this investment go ahead, and link the
// check to the investment it allowed.

/**
 * An investment the rules do not allow: 403, because the request is well-formed but this
 * investor may not make it (the same request from an eligible investor would succeed). The
 * code names the rule's reason (compliance_reg_s_us_person, compliance_geo_blocked, ...).
 */
export class ComplianceBlocked extends AppError {
  constructor(readonly record: CheckRecord, rule: string, code: string, reason: string) {
    super(403, code, reason, { rule, checkId: record.id });
  }
}

/** Inside the invest transaction: the id of the allowed check, or throws ComplianceBlocked. */
export async function requireCompliantInvestment(t: TenantTx, input: EvaluateInput): Promise<string> {
  const e = await evaluateInvestment(t, input);
  if (!e.allowed) throw blockedBy(e);
  return e.checkId;
}

/** A blocked evaluation as the error the investor gets. */
export const blockedBy = (e: Evaluation) => new ComplianceBlocked(e.record, e.blockingRule!, e.code!, e.reason!);

export type GroupCompliance = {
  /** The attempt's evaluation (nothing stored), or null when its rules read locked counters: decide that one with requireCompliantInvestment. */
  evaluate(investorId: string, amountMinor: bigint, orderCountry?: string | null): Evaluation | null;
  kycStatus(investorId: string): string | null;
};

/**
 * For attempts on one deal decided together in one transaction: every investor's facts in
 * five reads, then a pure evaluation per attempt. The caller stores the checks (storeChecks),
 * allowed and blocked alike, in that same transaction.
 */
export async function groupCompliance(t: TenantTx, input: { tenant: Pick<TenantContext, 'settings' | 'features'>; deal: EvaluateInput['deal']; investorIds: string[]; now: Date }): Promise<GroupCompliance> {
  const deal = dealTermsOf(input.deal);
  const policy = policyOf(input.tenant);
  const facts = await loadGroupFacts(t, input.investorIds, deal, policy, input.now);
  return {
    evaluate(investorId, amountMinor, orderCountry) {
      const f = facts.get(investorId);
      if (!f || f.counters.limit || f.counters.purchasers || f.counters.country || f.counters.regA || f.counters.regCfIssuer) return null;
      return evaluateWithFacts(f.facts, deal, policy, { investorId, amountMinor, orderCountry, now: input.now });
    },
    kycStatus: (investorId) => facts.get(investorId)?.kycStatus ?? null,
  };
}

export type { CheckRecord };

export const storeChecks = (t: TenantTx, records: CheckRecord[]) => insertChecks(t, records);

export const linkCheckToInvestment = (t: TenantTx, checkId: string, investmentId: string) => linkCheck(t, checkId, investmentId);

/**
 * Runs a use case whose transaction rolls back when compliance blocks it, then stores the
 * blocked check in a transaction of its own: the refusal stays on record with every rule's
 * inputs although the request failed.
 */
export async function recordingBlockedChecks<T>(tenantId: string, actorId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ComplianceBlocked) await withTenant(tenantId, { userId: actorId }, (t) => insertCheck(t, err.record));
    throw err;
  }
}

/**
 * A deal's regimes as one offering: at most one U.S. exemption, plus Regulation S (17 CFR
 * 230.152, 230.506). 400 compliance_exemptions_combined naming compliance.regimes otherwise.
 */
export function requireSingleExemption(regimes: readonly string[]): void {
  const conflict = exemptionConflict(regimes);
  if (conflict) throw new AppError(400, 'compliance_exemptions_combined', conflict, { errors: [{ field: 'compliance.regimes', message: conflict }] });
}

/**
 * A deal's hard cap within its exemption's maximum offering, else a 400 naming hardCap: Reg CF
 * $5,000,000 (227.100(a)(1)); Regulation A $20,000,000 (Tier 1) or $75,000,000 (Tier 2) (230.251(a)). Currencies other than USD and
 * the dollar stablecoins cannot be checked here; the sale rule fails closed for them.
 */
export function requireOfferingSize(regimes: readonly string[], hardCapMinor: bigint, currency: string, decimals: number): void {
  // 227.100(a)(1): a Reg CF offering of more than $5,000,000 cannot be made.
  const cfCents = regimes.includes('reg_cf') ? toUsdCents(hardCapMinor, currency, decimals) : null;
  if (cfCents !== null && cfCents > REG_CF_ISSUER_MAX_USD_CENTS)
    throw new ValidationError([{ field: 'hardCap', message: `must be at most ${usd(REG_CF_ISSUER_MAX_USD_CENTS)} for a Regulation Crowdfunding offering (17 CFR 227.100(a)(1))` }]);
  const tier = regATierOf(regimes);
  const cents = tier ? toUsdCents(hardCapMinor, currency, decimals) : null;
  if (tier && cents !== null && cents > REG_A_TIER_MAX_USD_CENTS[tier])
    throw new ValidationError([{ field: 'hardCap', message: `must be at most ${usd(REG_A_TIER_MAX_USD_CENTS[tier])} for a Regulation A ${tier === 'reg_a_tier1' ? 'Tier 1' : 'Tier 2'} offering (17 CFR 230.251(a))` }]);
}

export { effectiveLevelOf, requireVerificationLevelFor, VerificationLevelRequired, type GatedAction } from './action-levels';
export { meetsLevel } from './rules/verification-level';

export { mayBeShown, restrictedOfferingsFor } from './visibility';

/** The transfer gates the secondary market (P2P, order book) calls before a holding changes hands. */
export { checkTransfer, requireTransferAllowed, TransferBlocked, type TransferRequest } from './transfer-check';

/** 227.304(a): the last 48 hours before a Reg CF deadline, a commitment can no longer be cancelled. */
export { isRegCfDeal, regCfCancellationRefusal } from './reg-cf-cancellation';

/** 227.304(c): commitments awaiting reconfirmation after a material change. */
export { closeReconfirmations, hasPendingReconfirmation, regCfReconfirmationRefusal } from './reg-cf-material-change';

/** 227.303(a)(2): a Reg CF commitment is confirmed (sold) only with a Form C on record, 21 days after publication. */
export { regCfSaleRefusal } from './reg-cf-form-c';

/** 230.502(d): the legend and stop-transfer flag of each Reg D holding, written at the sale. */
export { recordLegendOnSale, restrictionsOfDeal, restrictionsOfInvestor } from './legends-502d';
