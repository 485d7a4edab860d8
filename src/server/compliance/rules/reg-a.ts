import { boughtUnder, isAccredited, toUsdCents, usd } from './investor-status';
import type { Regime, Rule } from './types';

const RULE = 'reg_a';

/** 230.251(a)(1), (2): the most an issuer sells under each tier in 12 months, in U.S. cents. */
export const REG_A_TIER_MAX_USD_CENTS = { reg_a_tier1: 2_000_000_000n, reg_a_tier2: 7_500_000_000n } as const;
/** 230.251(d)(2)(i)(C): a non-accredited Tier 2 purchaser pays at most 10% of the greater of annual income or net worth (entities: revenue or net assets). */
export const REG_A_TIER2_INVESTOR_PERCENT = 10n;

export type RegATier = keyof typeof REG_A_TIER_MAX_USD_CENTS;
export const regATierOf = (regimes: readonly Regime[] | readonly string[]): RegATier | null =>
  regimes.includes('reg_a_tier2') ? 'reg_a_tier2' : regimes.includes('reg_a_tier1') ? 'reg_a_tier1' : null;

/**
 * Regulation A: the issuer's sales under the deal's tier in the 12 months before the sale,
 * including this one, stay within $20,000,000 (Tier 1) or $75,000,000 (Tier 2); a non-accredited
 * Tier 2 purchaser's total in the offering stays within 10% of the greater of their declared
 * annual income and net worth (for an entity, the revenue and net assets it declared in those fields).
 */
export const regA: Rule = (facts, deal, attempt, _policy, now) => {
  const tier = regATierOf(deal.regimes);
  const accredited = isAccredited(facts, now);
  const attemptCents = toUsdCents(attempt.amountMinor, attempt.currency, attempt.decimals);
  const inputs = { tier, accredited, issuerSoldUsdCents: facts.regA?.issuerSoldUsdCents ?? null, investorInOfferingUsdCents: facts.regA?.investorInOfferingUsdCents ?? null, attemptUsdCents: attemptCents?.toString() ?? null };
  if (!tier) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Regulation A', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  const fail = (code: string, reason: string) => ({ rule: RULE, outcome: 'fail' as const, code, reason, inputs });
  if (attemptCents === null || !facts.regA || facts.regA.issuerSoldUsdCents === null)
    return fail('compliance_reg_a_currency', 'Regulation A limits are in U.S. dollars and this offering’s sales cannot be converted; the investment cannot be checked');
  // 230.251(a)(1), (2): the tier's 12-month maximum for the issuer.
  const max = REG_A_TIER_MAX_USD_CENTS[tier];
  const sold = BigInt(facts.regA.issuerSoldUsdCents);
  if (sold + attemptCents > max)
    return fail(
      'compliance_reg_a_offering_limit',
      `Regulation A ${tier === 'reg_a_tier1' ? 'Tier 1' : 'Tier 2'} lets an issuer sell at most ${usd(max)} in 12 months (17 CFR 230.251(a)); ${usd(sold)} is sold, so at most ${usd(max - sold > 0n ? max - sold : 0n)} more can be`,
    );
  if (tier === 'reg_a_tier1' || accredited) return { rule: RULE, outcome: 'pass', code: accredited ? 'accredited' : 'tier1', reason: 'Within the tier’s 12-month maximum', inputs };
  // 230.251(d)(2)(i)(C): 10% of the greater of annual income or net worth.
  const d = facts.declaration;
  if (!d || d.annualIncomeUsdCents === null || d.netWorthUsdCents === null)
    return fail('compliance_reg_a_declaration_required', 'A non-accredited investor in a Regulation A Tier 2 offering may invest at most 10% of the greater of annual income and net worth (17 CFR 230.251(d)(2)(i)(C)): declare both first');
  if (facts.regA.investorInOfferingUsdCents === null) return fail('compliance_reg_a_currency', 'Your investments in this offering cannot be converted to U.S. dollars; the limit cannot be checked');
  const income = BigInt(d.annualIncomeUsdCents);
  const netWorth = BigInt(d.netWorthUsdCents);
  const limit = ((income > netWorth ? income : netWorth) * REG_A_TIER2_INVESTOR_PERCENT) / 100n;
  const held = BigInt(facts.regA.investorInOfferingUsdCents);
  if (held + attemptCents > limit)
    return fail(
      'compliance_reg_a_investor_limit',
      `In a Regulation A Tier 2 offering a non-accredited investor may invest at most 10% of the greater of annual income and net worth, ${usd(limit)} for you (17 CFR 230.251(d)(2)(i)(C)); you can invest at most ${usd(limit - held > 0n ? limit - held : 0n)} more`,
    );
  return { rule: RULE, outcome: 'pass', code: 'within_limits', reason: `${usd(held + attemptCents)} of ${usd(limit)} in this offering`, inputs };
};
