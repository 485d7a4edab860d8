import { boughtUnder, usPerson } from './investor-status';
import type { Attempt, InvestorFacts, Rule } from './types';

const RULE = 'reg_s';

/** The United States of 230.902(l): the states, the territories and possessions, and the District of Columbia. */
export const UNITED_STATES = ['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM'] as const;
export const inUnitedStates = (country: string) => (UNITED_STATES as readonly string[]).includes(country);

/**
 * Where the buy order is originated: the location the investor declares with the order, else
 * their residence once KYC has verified it; null when neither is known (230.903(a)(1)).
 */
export function orderCountryOf(facts: InvestorFacts, attempt: Attempt): string | null {
  return attempt.orderCountry ?? (facts.kycApproved && facts.declaration ? facts.declaration.residenceCountry : null);
}

/**
 * Regulation S: offshore transactions only (230.903(a)(1)): no U.S. person buys under it
 * (230.902(k)), the buyer's residence is outside the United States, and the buyer is outside the
 * United States when the order is placed.
 */
export const regS: Rule = (facts, deal, attempt) => {
  const d = facts.declaration;
  const orderCountry = orderCountryOf(facts, attempt);
  const inputs = {
    regimes: deal.regimes,
    declared: d !== null,
    isUsPerson: d?.isUsPerson ?? null,
    residenceCountry: d?.residenceCountry ?? null,
    nationality: d?.nationality ?? null,
    residenceVerified: facts.kycApproved,
    declaredOrderCountry: attempt.orderCountry,
    orderCountry,
    category: deal.regSCategory,
  };
  if (!deal.regimes.includes('reg_s')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Regulation S', inputs };
  if (boughtUnder(deal, facts) === 'us_exemption') return { rule: RULE, outcome: 'not_applicable', code: 'us_tranche', reason: 'A U.S. person buys under the deal’s U.S. exemption', inputs };
  if (!d) return { rule: RULE, outcome: 'fail', code: 'compliance_reg_s_declaration_required', reason: 'This offering is only for non-U.S. persons (Regulation S, 17 CFR 230.903): declare your residence, nationality and U.S.-person status first', inputs };
  // 230.902(k): no U.S. person buys in the Regulation S tranche.
  if (usPerson(facts)) return { rule: RULE, outcome: 'fail', code: 'compliance_reg_s_us_person', reason: 'This offering is made under Regulation S (17 CFR 230.903) and is not open to U.S. persons', inputs };
  // 230.903(a)(1), 230.902(h): an offshore transaction: the buyer is outside the United States when the order is originated.
  if (orderCountry === null)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_reg_s_order_location_required',
      reason: 'A Regulation S purchase must be an offshore transaction (17 CFR 230.903(a)(1)): say which country you are in as you place this order (orderCountry), or complete KYC so your residence is verified',
      inputs,
    };
  if (inUnitedStates(orderCountry))
    return { rule: RULE, outcome: 'fail', code: 'compliance_reg_s_order_in_us', reason: 'A Regulation S purchase must be an offshore transaction (17 CFR 230.903(a)(1)): it cannot be ordered from inside the United States', inputs };
  return { rule: RULE, outcome: 'pass', code: 'offshore_non_us_person', reason: `Non-U.S. person ordering from ${orderCountry}`, inputs };
};
