import { describe, expect, it } from 'vitest';
import { accreditation, DAY, daysAgo, declaration, facts, NOW } from './fixtures.test-support';
import { declarationContradictsAccreditation, isAccredited } from './investor-status';
import { effectiveLevel } from './verification-level';

const yearsBefore = (n: number, plusDays = 0) => {
  const d = new Date(NOW.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return new Date(d.getTime() + plusDays * DAY).toISOString();
};

describe('accredited status at the time of sale (230.501(a))', () => {
  it('a profile level of accredited without a current record is not accredited', () => {
    expect(isAccredited(facts({ verificationLevel: 'accredited' }), NOW)).toBe(false);
    expect(effectiveLevel(facts({ verificationLevel: 'accredited' }), NOW)).toBe('basic');
  });

  it('an approval without an expiry lasts 365 days from its verification, not for ever', () => {
    expect(isAccredited(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(364) })] }), NOW)).toBe(true);
    expect(isAccredited(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(365) })] }), NOW)).toBe(false);
    expect(isAccredited(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(3000) })] }), NOW)).toBe(false);
  });

  it('the reviewer’s expiry ends it at that moment', () => {
    expect(isAccredited(facts({ accreditations: [accreditation({ expiresAt: NOW.toISOString() })] }), NOW)).toBe(false);
    expect(isAccredited(facts({ accreditations: [accreditation({ expiresAt: new Date(NOW.getTime() + 1).toISOString() })] }), NOW)).toBe(true);
  });

  it('a minimum-investment representation is deal-bound and never accredited status', () => {
    expect(isAccredited(facts({ accreditations: [accreditation({ method: 'minimum_investment_representation' })] }), NOW)).toBe(false);
  });
});

describe('re-verification by written statement (230.506(c)(2)(ii)(E))', () => {
  const statement = (priorVerifiedAt: string | null) => accreditation({ method: 'reverification_statement', verifiedAt: daysAgo(1), priorVerifiedAt });

  it('counts while the verification it relies on is less than five years old', () => {
    expect(isAccredited(facts({ accreditations: [statement(yearsBefore(5, 1))] }), NOW)).toBe(true);
    expect(isAccredited(facts({ accreditations: [statement(yearsBefore(5))] }), NOW)).toBe(false);
    expect(isAccredited(facts({ accreditations: [statement(null)] }), NOW)).toBe(false);
  });

  it('does not count when the investor’s own declaration contradicts it', () => {
    const poor = declaration({ annualIncomeUsdCents: '19999999', netWorthUsdCents: '99999999' });
    expect(declarationContradictsAccreditation({ declaration: poor })).toBe(true);
    expect(isAccredited(facts({ declaration: poor, accreditations: [statement(yearsBefore(1))] }), NOW)).toBe(false);
    expect(declarationContradictsAccreditation({ declaration: declaration({ annualIncomeUsdCents: '20000000', netWorthUsdCents: '0' }) })).toBe(false);
    expect(declarationContradictsAccreditation({ declaration: declaration({ annualIncomeUsdCents: '0', netWorthUsdCents: '100000000' }) })).toBe(false);
  });

  it('joint income of $300,000 (501(a)(6)) and a current licence or knowledgeable-employee verification (501(a)(10), (11)) are no contradiction', () => {
    const poor = declaration({ annualIncomeUsdCents: '15000000', netWorthUsdCents: '50000000' });
    expect(declarationContradictsAccreditation({ declaration: { ...poor, jointAnnualIncomeUsdCents: '30000000' } }, NOW)).toBe(false);
    expect(declarationContradictsAccreditation({ declaration: { ...poor, jointAnnualIncomeUsdCents: '29999999' } }, NOW)).toBe(true);
    const licence = accreditation({ method: 'category_documents', category: 'professional_certification' });
    expect(declarationContradictsAccreditation({ declaration: poor, accreditations: [licence] }, NOW)).toBe(false);
    expect(declarationContradictsAccreditation({ declaration: poor, accreditations: [accreditation({ method: 'category_documents', category: 'knowledgeable_employee' })] }, NOW)).toBe(false);
    // An expired licence verification, or a financial category, says nothing against the declaration.
    expect(declarationContradictsAccreditation({ declaration: poor, accreditations: [{ ...licence, expiresAt: NOW.toISOString() }] }, NOW)).toBe(true);
    expect(declarationContradictsAccreditation({ declaration: poor, accreditations: [accreditation({ method: 'income_documents', category: 'income' })] }, NOW)).toBe(true);
    expect(isAccredited(facts({ declaration: poor, accreditations: [licence] }), NOW)).toBe(true);
  });
});
