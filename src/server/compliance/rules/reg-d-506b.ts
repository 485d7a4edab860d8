import { boughtUnder, isAccredited } from './investor-status';
import type { CompliancePolicy, InvestorFacts, Rule } from './types';

const RULE = 'reg_d_506b';
/** Rule 506(b)(2)(i): no more than 35 non-accredited purchasers in any offering. */
export const MAX_NON_ACCREDITED_PURCHASERS = 35;
/** 230.506(b)(2)(ii): some knowledge and experience is always required of a non-accredited purchaser without a representative; a tenant may ask more, never less. */
export const MIN_KNOWLEDGE_EXPERIENCE_POINTS = 1;

/** The suitability band's place in the tenant's ordered bands, -1 when unknown. */
export function bandRank(bands: { band: string }[], band: string | null | undefined): number {
  return band ? bands.findIndex((b) => b.band === band) : -1;
}

/** The investor's knowledge-and-experience points meet the minimum, which is never below MIN_KNOWLEDGE_EXPERIENCE_POINTS. */
export function showsKnowledgeAndExperience(facts: InvestorFacts, policy: CompliancePolicy): boolean {
  const minimum = Math.max(MIN_KNOWLEDGE_EXPERIENCE_POINTS, policy.suitability.minimumKnowledgeExperiencePoints);
  return (facts.suitability?.knowledgeExperiencePoints ?? 0) >= minimum;
}

/**
 * Rule 506(b): accredited investors without limit; at most 35 non-accredited purchasers, each
 * of whom passes the tenant's suitability band, has the knowledge and experience to judge the
 * investment alone or with a purchaser representative (wealth and risk answers do not count),
 * and has acknowledged the Rule 502(b) disclosure delivered for this deal. An investor already
 * counted is not counted again for a further investment.
 */
export const regD506b: Rule = (facts, deal, _attempt, policy, now) => {
  const accredited = isAccredited(facts, now);
  const minimumBand = deal.minimumSuitabilityBand ?? policy.suitability.minimumBand;
  const inputs = {
    accredited,
    nonAccreditedPurchasers: facts.dealNonAccreditedPurchasers,
    alreadyCounted: facts.alreadyNonAccreditedPurchaser,
    added: facts.alreadyNonAccreditedPurchaser ? 0 : (facts.nonAccreditedAdded ?? 1),
    limit: MAX_NON_ACCREDITED_PURCHASERS,
    suitabilityBand: facts.suitability?.band ?? null,
    minimumBand,
    knowledgeExperiencePoints: facts.suitability?.knowledgeExperiencePoints ?? null,
    minimumKnowledgeExperiencePoints: Math.max(MIN_KNOWLEDGE_EXPERIENCE_POINTS, policy.suitability.minimumKnowledgeExperiencePoints),
    purchaserRepresentative: facts.purchaserRepresentative?.name ?? null,
    disclosure502b: facts.disclosure502b,
    relationship: facts.relationship506b,
  };
  const fail = (code: string, reason: string) => ({ rule: RULE, outcome: 'fail' as const, code, reason, inputs });
  if (!deal.regimes.includes('reg_d_506b')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Rule 506(b)', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  // 230.502(c): no general solicitation; accredited or not, the buyer needs a pre-existing substantive relationship.
  if (!facts.relationship506b?.invited && !facts.relationship506b?.memberBefore)
    return fail(
      'compliance_506b_no_relationship',
      'This offering is made under Rule 506(b), which forbids general solicitation (17 CFR 230.502(c)): it is open only to verified members who joined before it opened and to investors the issuer invited',
    );
  if (accredited) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'Accredited investor', inputs };
  if (bandRank(policy.suitability.bands, facts.suitability?.band) < bandRank(policy.suitability.bands, minimumBand))
    return fail(
      'compliance_506b_suitability',
      facts.suitability ? `Non-accredited investors need a suitability result of at least ${minimumBand}; yours is ${facts.suitability.band}` : 'Non-accredited investors must complete the suitability questionnaire first',
    );
  // 230.506(b)(2)(ii): knowledge and experience in financial and business matters, alone or with a purchaser representative (230.501(i)).
  if (!showsKnowledgeAndExperience(facts, policy) && !facts.purchaserRepresentative)
    return fail(
      'compliance_506b_sophistication',
      'Rule 506(b) (17 CFR 230.506(b)(2)(ii)) lets a non-accredited investor buy only with enough knowledge and experience in financial and business matters to judge the investment: your answers on investment experience fall short (income, net worth and risk appetite do not count). Name a purchaser representative for this offering, or buy as an accredited investor',
    );
  // 230.502(b)(1): the 502(b)(2) information furnished a reasonable time before the sale; the platform also needs its receipt acknowledged.
  if (!facts.disclosure502b?.acknowledgedAt || !facts.disclosure502b.current)
    return fail(
      'compliance_506b_disclosure_required',
      facts.disclosure502b && !facts.disclosure502b.current
        ? 'The issuer changed the Rule 502(b) disclosure for this offering since it was delivered to you (17 CFR 230.502(b)): read the current disclosure and acknowledge it before investing'
        : 'Non-accredited investors must receive and acknowledge the issuer’s disclosure for this offering before buying (Rule 502(b), 17 CFR 230.502(b)): open the disclosure and acknowledge it',
    );
  // 230.506(b)(2)(i): no more than 35 non-accredited purchasers, counted as 230.501(e) says.
  if (!facts.alreadyNonAccreditedPurchaser && facts.dealNonAccreditedPurchasers + inputs.added > MAX_NON_ACCREDITED_PURCHASERS)
    return fail(
      'compliance_506b_non_accredited_limit',
      inputs.added > 1
        ? `This offering, with the issuer’s other Rule 506(b) offerings of the last 90 days, has ${facts.dealNonAccreditedPurchasers} non-accredited purchasers; this purchase by an entity formed to invest counts each of its ${inputs.added} non-accredited owners (17 CFR 230.501(e)(2)) and would pass the ${MAX_NON_ACCREDITED_PURCHASERS} Rule 506(b) allows (17 CFR 230.506(b)(2)(i))`
        : `This offering, with the issuer’s other Rule 506(b) offerings of the last 90 days, already has ${MAX_NON_ACCREDITED_PURCHASERS} non-accredited investors, the most Rule 506(b) allows (17 CFR 230.506(b)(2)(i), 230.152(b)(1))`,
    );
  return { rule: RULE, outcome: 'pass', code: 'non_accredited_within_limit', reason: `Non-accredited purchaser ${facts.alreadyNonAccreditedPurchaser ? '(already counted)' : `${facts.dealNonAccreditedPurchasers + inputs.added} of ${MAX_NON_ACCREDITED_PURCHASERS}`}`, inputs };
};
