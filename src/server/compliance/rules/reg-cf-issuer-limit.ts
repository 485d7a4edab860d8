import { boughtUnder, toUsdCents, usd } from './investor-status';
import type { Rule } from './types';

const RULE = 'reg_cf_issuer_limit';

/** 227.100(a)(1) (as amended 2021): what an issuer, with its affiliates, sells under Reg CF in 12 months, in U.S. cents. */
export const REG_CF_ISSUER_MAX_USD_CENTS = 500_000_000n;

/**
 * 227.100(a)(1): the issuer's Reg CF sales in the 12 months before the sale, with those of the
 * entities controlled by or under common control with it, plus this sale, stay within $5,000,000.
 * The Reg S tranche of a deal is not a Reg CF sale.
 */
export const regCfIssuerLimit: Rule = (facts, deal, attempt) => {
  const attemptCents = toUsdCents(attempt.amountMinor, attempt.currency, attempt.decimals);
  const inputs = { issuerGroupSoldUsdCents: facts.regCfIssuerSoldUsdCents, attemptUsdCents: attemptCents?.toString() ?? null, maxUsdCents: REG_CF_ISSUER_MAX_USD_CENTS.toString() };
  if (!deal.regimes.includes('reg_cf')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Not a Regulation Crowdfunding offering', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  if (attemptCents === null || facts.regCfIssuerSoldUsdCents === null)
    return { rule: RULE, outcome: 'fail', code: 'compliance_reg_cf_issuer_limit_currency', reason: 'The Regulation Crowdfunding issuer limit is in U.S. dollars and these sales cannot be converted; the investment cannot be checked', inputs };
  const sold = BigInt(facts.regCfIssuerSoldUsdCents);
  if (sold + attemptCents > REG_CF_ISSUER_MAX_USD_CENTS)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_reg_cf_issuer_limit',
      reason: `An issuer, with its affiliates, may sell at most ${usd(REG_CF_ISSUER_MAX_USD_CENTS)} under Regulation Crowdfunding in 12 months (17 CFR 227.100(a)(1)); ${usd(sold)} is sold, so at most ${usd(REG_CF_ISSUER_MAX_USD_CENTS - sold > 0n ? REG_CF_ISSUER_MAX_USD_CENTS - sold : 0n)} more can be`,
      inputs,
    };
  return { rule: RULE, outcome: 'pass', code: 'within_limit', reason: `${usd(sold + attemptCents)} of ${usd(REG_CF_ISSUER_MAX_USD_CENTS)} in 12 months`, inputs };
};
