import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { accreditationOf, declarationFacts } from './investor-facts';
import { policyOf } from './policy';
import { approvedAccreditations, declarationsOf, externalRegCfInvestmentsOf, liveInvestmentRowsSince } from './repo';
import { annualLimitUsdCents, investedUsdCents } from './rules/investment-limit';
import { isAccredited, toUsdCents, twelveMonthsBefore } from './rules/investor-status';

// What an investor may still invest under Regulation Crowdfunding in the 12 months ahead
// (227.100(a)(2)): the limit, what counts against it now (here and, as stated, elsewhere), what is
// left today, and the days on which earlier purchases stop counting and free part of it.

const dollars = (cents: bigint) => fromMinorUnits(cents, 2);
const yearAfter = (d: Date) => {
  const x = new Date(d.getTime());
  x.setUTCFullYear(x.getUTCFullYear() + 1);
  return x;
};

/** GET /api/investor/compliance/reg-cf-allowance: amounts in U.S. dollars. */
export async function regCfAllowance(tenant: TenantContext, p: Principal, now = new Date()) {
  const policy = policyOf(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const since = twelveMonthsBefore(now);
    const [[d], accreditations, rows, external] = await Promise.all([
      declarationsOf(t, [p.userId]),
      approvedAccreditations(t, [p.userId]),
      liveInvestmentRowsSince(t, p.userId, since, policy.investmentLimit.appliesTo === 'all' ? 'all' : 'reg_cf'),
      externalRegCfInvestmentsOf(t, p.userId, since),
    ]);
    const declaration = d ? declarationFacts(d) : null;
    const base = { rule: '17 CFR 227.100(a)(2)', currency: 'USD', asOf: now.toISOString() };
    if (isAccredited({ accreditations: accreditations.map(accreditationOf), declaration }, now)) return { ...base, accredited: true, limited: false, limit: null, remaining: null, declarationRequired: false };
    if (!declaration || declaration.annualIncomeUsdCents === null || declaration.netWorthUsdCents === null)
      return { ...base, accredited: false, limited: true, limit: null, remaining: null, declarationRequired: true };
    const limit = annualLimitUsdCents(BigInt(declaration.annualIncomeUsdCents), BigInt(declaration.netWorthUsdCents), policy.investmentLimit);
    const here = investedUsdCents({ investments12m: rows.map((r) => ({ currency: r.currency, decimals: r.currency_decimals, amountMinor: r.amount })) });
    if ('unconvertible' in here) return { ...base, accredited: false, limited: true, limit: dollars(limit), remaining: null, declarationRequired: false, unconvertibleCurrency: here.unconvertible };
    const elsewhere = external.reduce((s, e) => s + BigInt(e.amount), 0n);
    const remaining = limit - here.cents - elsewhere;
    const frees = [
      ...rows.map((r) => ({ on: yearAfter(r.created_at), cents: toUsdCents(r.amount, r.currency, r.currency_decimals)! })),
      ...external.map((e) => ({ on: yearAfter(e.invested_on), cents: BigInt(e.amount) })),
    ].sort((a, b) => a.on.getTime() - b.on.getTime());
    return {
      ...base,
      accredited: false,
      limited: true,
      declarationRequired: false,
      limit: dollars(limit),
      investedHere: dollars(here.cents),
      investedElsewhere: dollars(elsewhere),
      remaining: dollars(remaining > 0n ? remaining : 0n),
      /** When each purchase counted now stops counting (12 months after it), freeing its amount. */
      frees: frees.map((f) => ({ on: f.on.toISOString(), amount: dollars(f.cents) })),
    };
  });
}
