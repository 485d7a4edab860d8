import { boughtUnder, usPerson } from './investor-status';
import type { Rule } from './types';

const RULE = 'reg_s';

/** Regulation S: offshore transactions only, so no U.S. person may buy under it. */
export const regS: Rule = (facts, deal) => {
  const d = facts.declaration;
  const inputs = { regimes: deal.regimes, declared: d !== null, isUsPerson: d?.isUsPerson ?? null, residenceCountry: d?.residenceCountry ?? null, nationality: d?.nationality ?? null };
  if (!deal.regimes.includes('reg_s')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Regulation S', inputs };
  if (boughtUnder(deal, facts) === 'us_exemption') return { rule: RULE, outcome: 'not_applicable', code: 'us_tranche', reason: 'A U.S. person buys under the deal’s U.S. exemption', inputs };
  if (!d) return { rule: RULE, outcome: 'fail', code: 'compliance_reg_s_declaration_required', reason: 'This offering is only for non-U.S. persons: declare your residence, nationality and U.S.-person status first', inputs };
  if (usPerson(facts)) return { rule: RULE, outcome: 'fail', code: 'compliance_reg_s_us_person', reason: 'This offering is made under Regulation S and is not open to U.S. persons', inputs };
  return { rule: RULE, outcome: 'pass', code: 'non_us_person', reason: 'Declared a non-U.S. person', inputs };
};
