import { describe, expect, it } from 'vitest';
import { accreditation, daysAgo, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regD506c } from './reg-d-506c';

const d506c = deal({ regimes: ['reg_d_506c'] });
const run = (f = facts(), amount = usdAttempt(1000), p = policy(), d = d506c) => regD506c(f, d, amount, p, NOW);
const representation = (o = {}) => accreditation({ method: 'minimum_investment_representation', ...o });

describe('Rule 506(c)', () => {
  it('is not applicable outside 506(c) deals', () => {
    expect(run(facts(), usdAttempt(1), policy(), deal()).outcome).toBe('not_applicable');
  });
  it('blocks an investor with no verification, even at the accredited level', () => {
    expect(run(facts({ verificationLevel: 'accredited' }))).toMatchObject({ outcome: 'fail', code: 'compliance_506c_not_verified' });
  });
  it.each(['letter_from_professional', 'income_documents', 'net_worth_documents'] as const)('accepts %s verified within the window', (method) => {
    expect(run(facts({ accreditations: [accreditation({ method })] })).code).toBe('verified');
  });
  it('window boundary: verified exactly 90 days ago is allowed, 91 days ago is blocked', () => {
    expect(run(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(90) })] })).outcome).toBe('pass');
    expect(run(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(91) })] }))).toMatchObject({ outcome: 'fail', code: 'compliance_506c_verification_expired' });
  });
  it('the tenant sets the window', () => {
    const f = facts({ accreditations: [accreditation({ verifiedAt: daysAgo(120) })] });
    expect(run(f, usdAttempt(1000), policy({ accreditationWindowDays: 180 })).outcome).toBe('pass');
  });
  it('honours an explicit expiry', () => {
    expect(run(facts({ accreditations: [accreditation({ expiresAt: NOW.toISOString() })] })).outcome).toBe('fail');
  });
  it('minimum investment: $200,000 for a natural person passes, $199,999.99 fails', () => {
    const f = facts({ declaration: declaration({ investorType: 'natural_person' }), accreditations: [representation()] });
    expect(run(f, usdAttempt(200_000)).code).toBe('minimum_investment');
    expect(run(f, { amountMinor: '19999999', currency: 'USD', decimals: 2 })).toMatchObject({ outcome: 'fail', code: 'compliance_506c_minimum_investment' });
  });
  it('minimum investment: $1,000,000 for an entity (and when the type is unknown)', () => {
    const entity = facts({ declaration: declaration({ investorType: 'entity' }), accreditations: [representation()] });
    expect(run(entity, usdAttempt(1_000_000)).outcome).toBe('pass');
    expect(run(entity, usdAttempt(999_999)).code).toBe('compliance_506c_minimum_investment');
    expect(run(facts({ accreditations: [representation()] }), usdAttempt(200_000)).code).toBe('compliance_506c_minimum_investment');
  });
  it('minimum investment in USDC (6 decimals) counts 1:1; another currency fails closed', () => {
    const f = facts({ declaration: declaration(), accreditations: [representation()] });
    expect(run(f, usdAttempt(200_000, 'USDC', 6)).outcome).toBe('pass');
    expect(run(f, usdAttempt(500_000, 'EUR', 2)).code).toBe('compliance_506c_minimum_investment');
  });
  it('a representation made for another deal does not count', () => {
    const f = facts({ declaration: declaration(), accreditations: [representation({ dealId: '00000000-0000-7000-8000-0000000000ff' })] });
    expect(run(f, usdAttempt(300_000)).code).toBe('compliance_506c_not_verified');
  });
});
