import { describe, expect, it } from 'vitest';
import { accreditation, DAY, daysAgo, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { annualLimitUsdCents, investmentLimit } from './investment-limit';

const cf = deal({ regimes: ['reg_cf'] });
const K = (dollars: number) => (BigInt(dollars) * 100n).toString();
const investor = (income: number | string, netWorth: number | string, o = {}) =>
  facts({ declaration: declaration({ annualIncomeUsdCents: typeof income === 'string' ? income : K(income), netWorthUsdCents: typeof netWorth === 'string' ? netWorth : K(netWorth), ...o }) });
const run = (f: ReturnType<typeof facts>, amount = usdAttempt(100), d = cf, p = policy()) => investmentLimit(f, d, amount, p, NOW);
const limit = (income: bigint, nw: bigint) => annualLimitUsdCents(income, nw, policy().investmentLimit);

describe('Reg CF annual limit formula', () => {
  it('below $124,000: the greater of $2,500 or 5% of the greater of income and net worth', () => {
    expect(limit(3_000_000n, 2_000_000n)).toBe(250_000n); // 5% of $30,000 = $1,500 < $2,500
    expect(limit(10_000_000n, 2_000_000n)).toBe(500_000n); // 5% of $100,000
    expect(limit(12_399_999n, 50_000_000n)).toBe(2_500_000n); // income just under: 5% of $500,000
  });
  it('both at least $124,000: 10% of the greater, capped at $124,000', () => {
    expect(limit(12_400_000n, 12_400_000n)).toBe(1_240_000n); // exactly the threshold: $12,400
    expect(limit(12_400_000n, 12_399_999n)).toBe(620_000n); // one cent under on net worth: 5% tier
    expect(limit(200_000_000n, 12_400_000n)).toBe(12_400_000n); // 10% of $2m capped at $124,000
  });
  it('the 5% tier is capped at $124,000 too (227.100(a)(2)): income $50,000 / net worth $3,000,000', () => {
    expect(limit(5_000_000n, 300_000_000n)).toBe(12_400_000n); // 5% of $3m would be $150,000
    expect(limit(5_000_000n, 248_000_000n)).toBe(12_400_000n); // 5% of $2.48m: exactly $124,000
    expect(limit(5_000_000n, 247_999_980n)).toBe(12_399_999n);
  });
  it('tenant figures looser than the law’s cannot raise the limit; stricter ones lower it', () => {
    const loose = policy({ investmentLimit: { floorUsdCents: '10000000', thresholdUsdCents: '100', lowerPercent: 50, upperPercent: 100, capUsdCents: '100000000' } }).investmentLimit;
    expect(annualLimitUsdCents(3_000_000n, 2_000_000n, loose)).toBe(250_000n); // the law's $2,500 floor, not the tenant's $100,000
    expect(annualLimitUsdCents(12_400_000n, 12_400_000n, loose)).toBe(1_240_000n); // 10%, not 100%
    expect(annualLimitUsdCents(500_000_000n, 500_000_000n, loose)).toBe(12_400_000n); // the $124,000 cap, not $1,000,000
    const strict = policy({ investmentLimit: { capUsdCents: '5000000', lowerPercent: 2 } }).investmentLimit;
    expect(annualLimitUsdCents(10_000_000n, 2_000_000n, strict)).toBe(250_000n); // 2% of $100,000 = $2,000 < floor
    expect(annualLimitUsdCents(500_000_000n, 500_000_000n, strict)).toBe(5_000_000n);
  });
});

describe('investment limit rule', () => {
  it('applies only to Reg CF deals unless the tenant applies it to all', () => {
    expect(run(investor(10, 10), usdAttempt(100_000), deal()).outcome).toBe('not_applicable');
    expect(run(investor(10, 10), usdAttempt(100_000), deal(), policy({ investmentLimit: { appliesTo: 'all' } })).code).toBe('compliance_investment_limit');
  });
  it('accredited investors are unlimited', () => {
    expect(run(facts({ accreditations: [accreditation()] }), usdAttempt(10_000_000)).code).toBe('accredited');
  });
  it('needs income and net worth declared', () => {
    expect(run(facts()).code).toBe('compliance_investment_limit_declaration_required');
  });
  it('allows exactly the limit and blocks one cent more, counting past and external investments', () => {
    // income $50,000, net worth $80,000 -> 5% of $80,000 = $4,000
    const f = investor(50_000, 80_000);
    f.externalRegCf = [{ amountUsdCents: K(500), investedOn: daysAgo(30) }];
    f.investments12m = [{ currency: 'USD', decimals: 2, amountMinor: K(1_000) }, { currency: 'USDC', decimals: 6, amountMinor: (500n * 10n ** 6n).toString() }];
    expect(run(f, usdAttempt(2_000)).outcome).toBe('pass');
    const over = run(f, { amountMinor: '200001', currency: 'USD', decimals: 2, orderCountry: null });
    expect(over).toMatchObject({ outcome: 'fail', code: 'compliance_investment_limit' });
    expect(over.inputs).toMatchObject({ limitUsdCents: '400000', investedUsdCents: '150000' });
    expect(over.reason).toContain('$2,000.00 more');
  });
  it('counts stated Reg CF purchases elsewhere for 12 months after their day, then no more (227.100(a)(2), 227.303(b)(1))', () => {
    const f = investor(50_000, 80_000); // limit $4,000
    const yearAgo = new Date(NOW.getTime());
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    f.externalRegCf = [{ amountUsdCents: K(3_000), investedOn: new Date(yearAgo.getTime() + DAY).toISOString() }, { amountUsdCents: K(1_000), investedOn: yearAgo.toISOString() }];
    expect(run(f, usdAttempt(1_000)).outcome).toBe('pass');
    expect(run(f, usdAttempt(1_001))).toMatchObject({ outcome: 'fail', inputs: { externalUsdCents: K(3_000) } });
    expect(run(f, usdAttempt(1_001)).reason).toMatch(/227\.100\(a\)\(2\)/);
  });
  it('at $124,000 income and net worth the limit is $12,400', () => {
    expect(run(investor(124_000, 124_000), usdAttempt(12_400)).outcome).toBe('pass');
    expect(run(investor(124_000, 124_000), usdAttempt(12_401)).outcome).toBe('fail');
    expect(run(investor(123_999, 124_000), usdAttempt(6_200)).outcome).toBe('pass');
    expect(run(investor(123_999, 124_000), usdAttempt(6_201)).outcome).toBe('fail');
  });
  it('fails closed on currencies it cannot convert, in the attempt or in past investments', () => {
    expect(run(investor(50_000, 50_000), usdAttempt(10, 'EUR')).code).toBe('compliance_investment_limit_currency');
    const f = investor(50_000, 50_000);
    f.investments12m = [{ currency: 'ETH', decimals: 18, amountMinor: '1' }];
    expect(run(f, usdAttempt(10)).code).toBe('compliance_investment_limit_currency');
  });
});
