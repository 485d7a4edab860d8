import { boughtUnder, isAccredited, toUsdCents, twelveMonthsBefore, usd } from './investor-status';
import type { CompliancePolicy, InvestorFacts, Rule } from './types';

const RULE = 'investment_limit';

/**
 * 17 CFR 227.100(a)(2) (as amended 2021): the Reg CF 12-month limit of a non-accredited
 * investor. The law's own figures; a tenant's settings may only go below them.
 */
export const REG_CF_LIMIT: CompliancePolicy['investmentLimit'] = {
  appliesTo: 'reg_cf',
  floorUsdCents: '250000',
  thresholdUsdCents: '12400000',
  lowerPercent: 5,
  upperPercent: 10,
  capUsdCents: '12400000',
};

/**
 * The formula of 227.100(a)(2) with the given figures: the greater of the floor or
 * lowerPercent of the greater of annual income and net worth when either is below the
 * threshold; upperPercent of the greater when both are at least the threshold; either tier
 * capped (227.100(a)(2)(ii): no investor may buy more than $124,000 in 12 months).
 * Percentages round down to the cent.
 */
function limitByFormula(incomeUsdCents: bigint, netWorthUsdCents: bigint, p: CompliancePolicy['investmentLimit']): bigint {
  const greater = incomeUsdCents > netWorthUsdCents ? incomeUsdCents : netWorthUsdCents;
  const threshold = BigInt(p.thresholdUsdCents);
  const cap = BigInt(p.capUsdCents);
  let limit: bigint;
  if (incomeUsdCents < threshold || netWorthUsdCents < threshold) {
    const pct = (greater * BigInt(p.lowerPercent)) / 100n;
    const floor = BigInt(p.floorUsdCents);
    limit = pct > floor ? pct : floor;
  } else limit = (greater * BigInt(p.upperPercent)) / 100n;
  return limit < cap ? limit : cap;
}

/**
 * The investor's 12-month limit: the tenant's formula, never above the law's (227.100(a)(2)),
 * whatever the tenant's stored settings say.
 */
export function annualLimitUsdCents(incomeUsdCents: bigint, netWorthUsdCents: bigint, p: CompliancePolicy['investmentLimit']): bigint {
  const tenant = limitByFormula(incomeUsdCents, netWorthUsdCents, p);
  const legal = limitByFormula(incomeUsdCents, netWorthUsdCents, REG_CF_LIMIT);
  return tenant < legal ? tenant : legal;
}

/** The live investments of the last 12 months in U.S. cents, or the first currency that cannot be converted. */
export function investedUsdCents(f: Pick<InvestorFacts, 'investments12m'>): { cents: bigint } | { unconvertible: string } {
  let cents = 0n;
  for (const i of f.investments12m) {
    const c = toUsdCents(i.amountMinor, i.currency, i.decimals);
    if (c === null) return { unconvertible: i.currency };
    cents += c;
  }
  return { cents };
}

/** 227.100(a)(2), 227.303(b)(1): the stated Reg CF purchases elsewhere of the 12 months before `now`. */
export function externalRegCfUsdCents(f: Pick<InvestorFacts, 'externalRegCf'>, now: Date): bigint {
  const since = twelveMonthsBefore(now).getTime();
  return f.externalRegCf.filter((e) => new Date(e.investedOn).getTime() > since).reduce((sum, e) => sum + BigInt(e.amountUsdCents), 0n);
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
    externalRegCf: facts.externalRegCf,
    investments12m: facts.investments12m,
    attempt,
  };
  const fail = (code: string, reason: string) => ({ rule: RULE, outcome: 'fail' as const, code, reason, inputs });
  if (p.appliesTo === 'reg_cf' && !deal.regimes.includes('reg_cf')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Investment limits apply to Reg CF offerings on this platform', inputs };
  // The Reg S tranche of a Reg CF deal is not a Reg CF purchase (230.903(a), 227.100(a)(2)).
  if (p.appliesTo === 'reg_cf' && boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  if (accredited) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'Accredited investors have no investment limit', inputs };
  if (!d || d.annualIncomeUsdCents === null || d.netWorthUsdCents === null)
    return fail('compliance_investment_limit_declaration_required', 'Declare your annual income and net worth to see your investment limit');
  const attemptCents = toUsdCents(attempt.amountMinor, attempt.currency, attempt.decimals);
  if (attemptCents === null) return fail('compliance_investment_limit_currency', `Investment limits are in U.S. dollars and ${attempt.currency} has no conversion here; this investment cannot be checked`);
  const invested = investedUsdCents(facts);
  if ('unconvertible' in invested)
    return fail('compliance_investment_limit_currency', `Your investments in ${invested.unconvertible} cannot be converted to U.S. dollars, so your limit cannot be checked`);
  const limit = annualLimitUsdCents(BigInt(d.annualIncomeUsdCents), BigInt(d.netWorthUsdCents), p);
  const external = externalRegCfUsdCents(facts, now);
  const total = invested.cents + external + attemptCents;
  Object.assign(inputs, { limitUsdCents: limit.toString(), investedUsdCents: invested.cents.toString(), externalUsdCents: external.toString(), totalWithAttemptUsdCents: total.toString() });
  if (total > limit) {
    const left = limit - invested.cents - external;
    return fail('compliance_investment_limit', `Regulation Crowdfunding (17 CFR 227.100(a)(2)) limits your crowdfunding investments across all platforms to ${usd(limit)} in 12 months; you can invest at most ${usd(left > 0n ? left : 0n)} more`);
  }
  return { rule: RULE, outcome: 'pass', code: 'within_limit', reason: `${usd(total)} of ${usd(limit)} in 12 months`, inputs };
};
