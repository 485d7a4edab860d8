import { isAccredited, toUsdCents, usd } from './investor-status';
import type { CompliancePolicy, InvestorFacts, Rule } from './types';

const RULE = 'investment_limit';

/**
 * The 12-month limit for a non-accredited investor (Reg CF, 17 CFR 227.100(a)(2), as amended
 * 2021, by default): the greater of the floor ($2,500) or 5% of the greater of annual income
 * and net worth when either is below the threshold ($124,000); 10% of the greater, capped at
 * $124,000, when both are at least the threshold. Percentages round down to the cent.
 */
export function annualLimitUsdCents(incomeUsdCents: bigint, netWorthUsdCents: bigint, p: CompliancePolicy['investmentLimit']): bigint {
  const greater = incomeUsdCents > netWorthUsdCents ? incomeUsdCents : netWorthUsdCents;
  const threshold = BigInt(p.thresholdUsdCents);
  if (incomeUsdCents < threshold || netWorthUsdCents < threshold) {
    const pct = (greater * BigInt(p.lowerPercent)) / 100n;
    const floor = BigInt(p.floorUsdCents);
    return pct > floor ? pct : floor;
  }
  const pct = (greater * BigInt(p.upperPercent)) / 100n;
  const cap = BigInt(p.capUsdCents);
  return pct < cap ? pct : cap;
}

/** The live investments of the last 12 months in U.S. cents, or the first currency that cannot be converted. */
function investedUsdCents(f: InvestorFacts): { cents: bigint } | { unconvertible: string } {
  let cents = 0n;
  for (const i of f.investments12m) {
    const c = toUsdCents(i.amountMinor, i.currency, i.decimals);
    if (c === null) return { unconvertible: i.currency };
    cents += c;
  }
  return { cents };
}

export const investmentLimit: Rule = (facts, deal, attempt, policy, now) => {
  const p = policy.investmentLimit;
  const d = facts.declaration;
  const accredited = isAccredited(facts, now);
  const inputs: Record<string, unknown> = {
    appliesTo: p.appliesTo,
    regimes: deal.regimes,
    accredited,
    annualIncomeUsdCents: d?.annualIncomeUsdCents ?? null,
    netWorthUsdCents: d?.netWorthUsdCents ?? null,
    externalInvestments12mUsdCents: d?.externalInvestments12mUsdCents ?? null,
    investments12m: facts.investments12m,
    attempt,
  };
  const fail = (code: string, reason: string) => ({ rule: RULE, outcome: 'fail' as const, code, reason, inputs });
  if (p.appliesTo === 'reg_cf' && !deal.regimes.includes('reg_cf')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Investment limits apply to Reg CF offerings on this platform', inputs };
  if (accredited) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'Accredited investors have no investment limit', inputs };
  if (!d || d.annualIncomeUsdCents === null || d.netWorthUsdCents === null)
    return fail('compliance_investment_limit_declaration_required', 'Declare your annual income and net worth to see your investment limit');
  const attemptCents = toUsdCents(attempt.amountMinor, attempt.currency, attempt.decimals);
  if (attemptCents === null) return fail('compliance_investment_limit_currency', `Investment limits are in U.S. dollars and ${attempt.currency} has no conversion here; this investment cannot be checked`);
  const invested = investedUsdCents(facts);
  if ('unconvertible' in invested)
    return fail('compliance_investment_limit_currency', `Your investments in ${invested.unconvertible} cannot be converted to U.S. dollars, so your limit cannot be checked`);
  const limit = annualLimitUsdCents(BigInt(d.annualIncomeUsdCents), BigInt(d.netWorthUsdCents), p);
  const total = invested.cents + BigInt(d.externalInvestments12mUsdCents) + attemptCents;
  Object.assign(inputs, { limitUsdCents: limit.toString(), investedUsdCents: invested.cents.toString(), totalWithAttemptUsdCents: total.toString() });
  if (total > limit) {
    const left = limit - invested.cents - BigInt(d.externalInvestments12mUsdCents);
    return fail('compliance_investment_limit', `Your 12-month investment limit is ${usd(limit)}; you can invest at most ${usd(left > 0n ? left : 0n)} more`);
  }
  return { rule: RULE, outcome: 'pass', code: 'within_limit', reason: `${usd(total)} of ${usd(limit)} in 12 months`, inputs };
};
