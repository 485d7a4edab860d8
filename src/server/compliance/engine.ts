import type { TenantTx } from '../db/tenant';
import type { AssetType } from '../db/types';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { loadInvestorFacts } from './investor-facts';
import { dealTermsOf, policyOf } from './policy';
import { insertCheck } from './repo';
import { offeringExemption } from './rules/exemptions';
import { badActor } from './rules/bad-actor';
import { regA } from './rules/reg-a';
import { regCfIssuerLimit } from './rules/reg-cf-issuer-limit';
import { countryInvestorLimit } from './rules/country-investor-limit';
import { regCfEducation } from './rules/reg-cf-education';
import { geography } from './rules/geography';
import { investmentLimit } from './rules/investment-limit';
import { isAccredited } from './rules/investor-status';
import { regD506b } from './rules/reg-d-506b';
import { regD506c } from './rules/reg-d-506c';
import { regS } from './rules/reg-s';
import type { Attempt, CompliancePolicy, DealTerms, InvestorFacts, Rule, RuleResult } from './rules/types';
import { tenantAccreditation } from './rules/tenant-accreditation';
import { tenantVerificationLevel } from './rules/tenant-verification-level';
import { verificationLevel } from './rules/verification-level';

/** Stored with every check; bump it when a rule's logic changes so old decisions stay explicable. */
export const ENGINE_VERSION = '1.8.0';

/** Every rule, in the order a blocked investor is told about them (the first failure is the reason given). */
export const RULES: readonly Rule[] = [offeringExemption, badActor, geography, countryInvestorLimit, tenantAccreditation, regS, regD506c, regD506b, regCfEducation, regCfIssuerLimit, regA, investmentLimit, verificationLevel, tenantVerificationLevel];

export type CheckContext = { facts: InvestorFacts; deal: DealTerms; attempt: Attempt; policy: CompliancePolicy; now: string };

export type Decision = { allowed: boolean; results: RuleResult[]; blocking: RuleResult | null };

/** Pure: the decision for a context. A stored check's context gives back its decision. */
export function decide(c: CheckContext): Decision {
  const now = new Date(c.now);
  const results = RULES.map((rule) => rule(c.facts, c.deal, c.attempt, c.policy, now));
  const blocking = results.find((r) => r.outcome === 'fail') ?? null;
  return { allowed: blocking === null, results, blocking };
}

type DealInput = { id: string; issuer_id?: string; asset_type: AssetType; currency: string; currency_decimals: number; compliance: unknown };
export type EvaluateInput = { tenant: Pick<TenantContext, 'settings' | 'features'>; investorId: string; deal: DealInput; amountMinor: bigint; orderCountry?: string | null; now: Date };

export type CheckRecord = Parameters<typeof insertCheck>[1];
export type Evaluation = {
  allowed: boolean;
  blockingRule?: string;
  code?: string;
  reason?: string;
  checkId: string;
  /** The compliance_checks row: already stored when allowed; stored by the caller, outside its rolled-back transaction, when blocked. */
  record: CheckRecord;
};

/**
 * Runs every rule for one investment attempt. An allowed check is written in the caller's
 * transaction (and linked to the investment once it exists); a blocked one is returned for
 * the caller to store after its transaction has rolled back (see service.ts).
 */
export async function evaluateInvestment(t: TenantTx, input: EvaluateInput): Promise<Evaluation> {
  const deal = dealTermsOf(input.deal);
  const policy = policyOf(input.tenant);
  const facts = await loadInvestorFacts(t, input.investorId, deal, policy, input.now);
  const e = evaluateWithFacts(facts, deal, policy, input);
  if (e.allowed) await insertCheck(t, e.record);
  return e;
}

/** Pure: the evaluation and its compliance_checks row for facts already loaded; stores nothing. */
export function evaluateWithFacts(facts: InvestorFacts, deal: DealTerms, policy: CompliancePolicy, input: Pick<EvaluateInput, 'investorId' | 'amountMinor' | 'orderCountry' | 'now'>): Evaluation {
  const attempt: Attempt = { amountMinor: input.amountMinor.toString(), currency: deal.currency, decimals: deal.currencyDecimals, orderCountry: input.orderCountry ?? null };
  const context: CheckContext = { facts, deal, attempt, policy, now: input.now.toISOString() };
  const d = decide(context);
  const checkId = uuidv7(input.now.getTime());
  const record: CheckRecord = {
    id: checkId,
    user_id: input.investorId,
    deal_id: deal.id,
    investment_id: null,
    amount: input.amountMinor,
    currency: deal.currency,
    currency_decimals: deal.currencyDecimals,
    outcome: d.allowed ? 'allowed' : 'blocked',
    blocking_rule: d.blocking?.rule ?? null,
    code: d.blocking?.code ?? null,
    investor_accredited: isAccredited(facts, input.now),
    rules: JSON.stringify(d.results),
    context: JSON.stringify(context),
    engine_version: ENGINE_VERSION,
    created_at: input.now,
  };
  if (d.allowed) return { allowed: true, checkId, record };
  return { allowed: false, blockingRule: d.blocking!.rule, code: d.blocking!.code, reason: d.blocking!.reason, checkId, record };
}
