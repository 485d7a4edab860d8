import { boughtUnder } from './investor-status';
import type { Rule } from './types';

const RULE = 'reg_cf_education';

/** The version of the educational materials an acknowledgement must be for (reg-cf-education.ts). */
export const REG_CF_EDUCATION_VERSION = 'reg-cf-education-2026-1';

/**
 * 227.302(b), 227.303(b)(2): no Reg CF purchase before the investor acknowledged the current
 * educational materials (reviewed them, may lose everything and can bear it, understands the
 * limits on cancellation and resale). The Reg S tranche of a deal is not a Reg CF purchase.
 */
export const regCfEducation: Rule = (facts, deal) => {
  const inputs = { acknowledgedAt: facts.regCfEducationAcknowledgedAt, version: REG_CF_EDUCATION_VERSION };
  if (!deal.regimes.includes('reg_cf')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Not a Regulation Crowdfunding offering', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  if (!facts.regCfEducationAcknowledgedAt)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_reg_cf_education_required',
      reason: 'Before your first crowdfunding investment, read the platform’s educational materials and confirm you understand the risks and the limits on cancelling and reselling (Regulation Crowdfunding, 17 CFR 227.302(b), 227.303(b)(2))',
      inputs,
    };
  return { rule: RULE, outcome: 'pass', code: 'acknowledged', reason: `Educational materials acknowledged on ${facts.regCfEducationAcknowledgedAt.slice(0, 10)}`, inputs };
};
