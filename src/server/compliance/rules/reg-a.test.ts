import { describe, expect, it } from 'vitest';
import { accreditation, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regA } from './reg-a';

const tier2 = deal({ regimes: ['reg_a_tier2'] });
const tier1 = deal({ regimes: ['reg_a_tier1'] });
// Income $80,000, net worth $120,000: 10% of the greater is $12,000.
const investor = (held = '0', sold = '0', o = {}) =>
  facts({ declaration: declaration({ isUsPerson: true, residenceCountry: 'US', annualIncomeUsdCents: '8000000', netWorthUsdCents: '12000000' }), regA: { issuerSoldUsdCents: sold, investorInOfferingUsdCents: held }, ...o });
const run = (f: ReturnType<typeof facts>, d = tier2, dollars = 1000) => regA(f, d, usdAttempt(dollars), policy(), NOW);

describe('Regulation A (230.251)', () => {
  it('Tier 2: a non-accredited investor reaches 10% of the greater of income and net worth, not a cent more (251(d)(2)(i)(C))', () => {
    expect(run(investor('1100000'), tier2, 1000).outcome).toBe('pass'); // $11,000 held + $1,000 = $12,000
    const over = run(investor('1100001'), tier2, 1000);
    expect(over).toMatchObject({ outcome: 'fail', code: 'compliance_reg_a_investor_limit' });
    expect(over.reason).toContain('230.251(d)(2)(i)(C)');
    expect(run(investor('1100001', '0', { accreditations: [accreditation()] })).outcome).toBe('pass');
    expect(run(investor('99999999'), tier1).outcome).toBe('pass');
    expect(run(facts({ regA: { issuerSoldUsdCents: '0', investorInOfferingUsdCents: '0' } })).code).toBe('compliance_reg_a_declaration_required');
  });
  it('the issuer’s 12-month maximum per tier: $20,000,000 (Tier 1), $75,000,000 (Tier 2) (251(a))', () => {
    expect(run(investor('0', '1999900000'), tier1, 1000).outcome).toBe('pass');
    expect(run(investor('0', '1999900001'), tier1, 1000)).toMatchObject({ outcome: 'fail', code: 'compliance_reg_a_offering_limit' });
    expect(run(investor('0', '7499900000', { accreditations: [accreditation()] }), tier2, 1000).outcome).toBe('pass');
    expect(run(investor('0', '7499900001', { accreditations: [accreditation()] }), tier2, 1000).code).toBe('compliance_reg_a_offering_limit');
  });
  it('fails closed without convertible figures; not applicable elsewhere or to the Reg S buyer', () => {
    expect(run(facts({ regA: null })).code).toBe('compliance_reg_a_currency');
    expect(run(investor(), deal({ regimes: ['reg_cf'] })).outcome).toBe('not_applicable');
    expect(run(facts({ declaration: declaration() }), deal({ regimes: ['reg_a_tier2', 'reg_s'] })).outcome).toBe('not_applicable');
  });
});
