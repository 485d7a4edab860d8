import { boughtUnder, isAccredited } from './investor-status';
import type { Rule } from './types';

const RULE = 'reg_d_506b';
/** Rule 506(b)(2)(i): no more than 35 non-accredited purchasers in any offering. */
export const MAX_NON_ACCREDITED_PURCHASERS = 35;

/** The suitability band's place in the tenant's ordered bands, -1 when unknown. */
export function bandRank(bands: { band: string }[], band: string | null | undefined): number {
  return band ? bands.findIndex((b) => b.band === band) : -1;
}

/**
 * Rule 506(b): accredited investors without limit; at most 35 non-accredited purchasers,
 * each of whom must have shown the knowledge and experience to judge the investment (here:
 * a suitability band at least the deal's minimum). An investor already counted is not
 * counted again for a further investment.
 */
export const regD506b: Rule = (facts, deal, _attempt, policy, now) => {
  const accredited = isAccredited(facts, now);
  const minimumBand = deal.minimumSuitabilityBand ?? policy.suitability.minimumBand;
  const inputs = {
    accredited,
    nonAccreditedPurchasers: facts.dealNonAccreditedPurchasers,
    alreadyCounted: facts.alreadyNonAccreditedPurchaser,
    limit: MAX_NON_ACCREDITED_PURCHASERS,
    suitabilityBand: facts.suitability?.band ?? null,
    minimumBand,
  };
  if (!deal.regimes.includes('reg_d_506b')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Rule 506(b)', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  if (accredited) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'Accredited investor', inputs };
  if (bandRank(policy.suitability.bands, facts.suitability?.band) < bandRank(policy.suitability.bands, minimumBand))
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_506b_suitability',
      reason: facts.suitability ? `Non-accredited investors need a suitability result of at least ${minimumBand}; yours is ${facts.suitability.band}` : 'Non-accredited investors must complete the suitability questionnaire first',
      inputs,
    };
  if (!facts.alreadyNonAccreditedPurchaser && facts.dealNonAccreditedPurchasers >= MAX_NON_ACCREDITED_PURCHASERS)
    return { rule: RULE, outcome: 'fail', code: 'compliance_506b_non_accredited_limit', reason: `This offering already has ${MAX_NON_ACCREDITED_PURCHASERS} non-accredited investors, the most Rule 506(b) allows`, inputs };
  return { rule: RULE, outcome: 'pass', code: 'non_accredited_within_limit', reason: `Non-accredited purchaser ${facts.alreadyNonAccreditedPurchaser ? '(already counted)' : `${facts.dealNonAccreditedPurchasers + 1} of ${MAX_NON_ACCREDITED_PURCHASERS}`}`, inputs };
};
