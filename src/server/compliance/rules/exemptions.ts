import type { Regime, Rule } from './types';

const RULE = 'offering_exemption';

/** The U.S. exemptions an offering can be made under; Regulation S (offshore) may be added to any one of them. */
export const US_EXEMPTIONS: readonly Regime[] = ['reg_d_506b', 'reg_d_506c', 'reg_cf', 'reg_a_tier1', 'reg_a_tier2'];

/**
 * Why a set of regimes cannot be one offering, or null. 230.506(b) and 230.506(c) exclude each
 * other (an issuer relying on 506(c) generally solicits; one relying on 506(b) may not), and
 * a Reg CF offering and a Reg D offering made together are separate offerings (230.152), each
 * with its own rules: one deal carries one U.S. exemption, plus Regulation S for non-U.S.
 * buyers (230.901-905), which a U.S. offering may run beside it (230.903, 230.152(b)(2)).
 */
export function exemptionConflict(regimes: readonly string[]): string | null {
  if (new Set(regimes).size !== regimes.length) return 'Each regime may be listed once';
  const us = regimes.filter((r) => (US_EXEMPTIONS as readonly string[]).includes(r));
  if (us.length <= 1) return null;
  if (us.includes('reg_d_506b') && us.includes('reg_d_506c'))
    return 'Rule 506(b) and Rule 506(c) exclude each other (17 CFR 230.506): an offering is either without general solicitation or with verified accredited investors only; choose one';
  return 'Offerings under different U.S. exemptions (Regulation Crowdfunding, Regulation D, Regulation A) made together are separate offerings (Rule 152, 17 CFR 230.152): create one deal per exemption; Regulation S may be added to any one of them for non-U.S. buyers';
}

/**
 * Deals stored before exemptionConflict was checked at creation: one that combines U.S.
 * exemptions cannot tell which rules a U.S. buyer is under, so it takes no investment.
 */
export const offeringExemption: Rule = (_facts, deal) => {
  const conflict = exemptionConflict(deal.regimes);
  const inputs = { regimes: deal.regimes };
  if (conflict) return { rule: RULE, outcome: 'fail', code: 'compliance_exemptions_combined', reason: `This offering cannot take investments as set up: ${conflict}`, inputs };
  return { rule: RULE, outcome: deal.regimes.length ? 'pass' : 'not_applicable', code: deal.regimes.length ? 'single_exemption' : 'no_regime', reason: deal.regimes.length ? 'One U.S. exemption at most' : 'No exemption stated', inputs };
};
