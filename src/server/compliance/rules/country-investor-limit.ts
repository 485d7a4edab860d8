import { isAccredited } from './investor-status';
import type { Rule } from './types';

const RULE = 'country_investor_limit';

/**
 * A deal's own per-country investor limit (for instance fewer than 150 non-qualified investors per
 * EU member state for a private placement, Regulation (EU) 2017/1129 art. 1(4)(b)): an investor
 * resident in a covered country is admitted while fewer than `max` others are counted there; one
 * already counted may invest again. Unknown residence fails closed.
 */
export const countryInvestorLimit: Rule = (facts, deal, _attempt, _policy, now) => {
  const l = deal.countryInvestorLimit;
  const country = facts.declaration?.residenceCountry ?? facts.profileCountry;
  const inputs = { limit: l, country, counted: facts.countryPurchasers };
  if (!l) return { rule: RULE, outcome: 'not_applicable', code: 'no_limit', reason: 'The deal sets no per-country investor limit', inputs };
  if (!country)
    return { rule: RULE, outcome: 'fail', code: 'compliance_country_investor_limit_residence_required', reason: 'This offering limits its investors per country of residence: declare your residence first', inputs };
  if (l.countries !== null && !l.countries.includes(country)) return { rule: RULE, outcome: 'not_applicable', code: 'country_not_covered', reason: `${country} is not among the limited countries`, inputs };
  if (l.nonAccreditedOnly && isAccredited(facts, now)) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'Accredited (qualified) investors are not counted', inputs };
  const counted = facts.countryPurchasers;
  if (counted?.self) return { rule: RULE, outcome: 'pass', code: 'already_counted', reason: `Already one of the investors counted in ${country}`, inputs };
  const others = counted?.others ?? 0;
  if (others >= l.max)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_country_investor_limit',
      reason: `This offering admits at most ${l.max} ${l.nonAccreditedOnly ? 'non-accredited ' : ''}investors resident in ${country}${l.basis ? ` (${l.basis})` : ''}, and that many have invested`,
      inputs,
    };
  return { rule: RULE, outcome: 'pass', code: 'within_limit', reason: `Investor ${others + 1} of ${l.max} in ${country}`, inputs };
};
