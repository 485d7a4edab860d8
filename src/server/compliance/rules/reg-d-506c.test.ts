import { describe, expect, it } from 'vitest';
import { accreditation, daysAgo, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regD506c } from './reg-d-506c';

const d506c = deal({ regimes: ['reg_d_506c'] });
const run = (f = facts(), amount = usdAttempt(1000), p = policy(), d = d506c) => regD506c(f, d, amount, p, NOW);
const representation = (o = {}) => accreditation({ method: 'minimum_investment_representation', dealId: d506c.id, documentDate: null, ...o });

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
  it('window boundary: documents dated exactly 90 days ago are allowed, 91 days ago blocked', () => {
    expect(run(facts({ accreditations: [accreditation({ documentDate: daysAgo(90) })] })).outcome).toBe('pass');
    expect(run(facts({ accreditations: [accreditation({ documentDate: daysAgo(91) })] }))).toMatchObject({ outcome: 'fail', code: 'compliance_506c_verification_expired' });
  });
  it('the window runs from the document’s or letter’s date, not the reviewer’s approval (230.506(c)(2)(ii)(B), (C))', () => {
    expect(run(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(1), documentDate: daysAgo(91) })] })).code).toBe('compliance_506c_verification_expired');
    expect(run(facts({ accreditations: [accreditation({ verifiedAt: daysAgo(1), documentDate: null })] })).code).toBe('compliance_506c_verification_expired');
  });
  it('net-worth documents and letters: three calendar months, even where that is under 90 days', () => {
    const may28 = new Date('2026-05-28T12:00:00.000Z');
    const dated = new Date('2026-02-27T12:00:00.000Z').toISOString(); // 90 days before, 3 months + 1 day
    const at = (method: 'income_documents' | 'net_worth_documents' | 'letter_from_professional') => regD506c(facts({ accreditations: [accreditation({ method, verifiedAt: dated, documentDate: dated })] }), d506c, usdAttempt(1000), policy(), may28);
    expect(at('income_documents').outcome).toBe('pass');
    expect(at('net_worth_documents').code).toBe('compliance_506c_verification_expired');
    expect(at('letter_from_professional').code).toBe('compliance_506c_verification_expired');
  });
  it('the tenant may shorten the window, and a stored longer one still stops at 90 days', () => {
    expect(run(facts({ accreditations: [accreditation({ documentDate: daysAgo(31) })] }), usdAttempt(1000), policy({ accreditationWindowDays: 30 })).outcome).toBe('fail');
    expect(run(facts({ accreditations: [accreditation({ method: 'income_documents', documentDate: daysAgo(120) })] }), usdAttempt(1000), policy({ accreditationWindowDays: 180 })).outcome).toBe('fail');
  });
  it('honours an explicit expiry', () => {
    expect(run(facts({ accreditations: [accreditation({ expiresAt: NOW.toISOString() })] })).outcome).toBe('fail');
  });
  it('minimum investment: $200,000 for a natural person passes, $199,999.99 fails', () => {
    const f = facts({ declaration: declaration({ investorType: 'natural_person' }), accreditations: [representation()] });
    expect(run(f, usdAttempt(200_000)).code).toBe('minimum_investment');
    expect(run(f, { amountMinor: '19999999', currency: 'USD', decimals: 2, orderCountry: null })).toMatchObject({ outcome: 'fail', code: 'compliance_506c_minimum_investment' });
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
  it('a representation bound to no deal counts for none (SEC staff letter, 12 March 2025)', () => {
    const f = facts({ declaration: declaration(), accreditations: [representation({ dealId: null })] });
    expect(run(f, usdAttempt(300_000)).code).toBe('compliance_506c_not_verified');
  });
  it('a declaration that contradicts the representation blocks: income $50,000, net worth $80,000', () => {
    const f = facts({ declaration: declaration({ annualIncomeUsdCents: '5000000', netWorthUsdCents: '8000000' }), accreditations: [representation()] });
    expect(run(f, usdAttempt(300_000))).toMatchObject({ outcome: 'fail', code: 'compliance_506c_contradicted' });
    expect(run(f, usdAttempt(300_000)).reason).toContain('contradict');
  });
  it('a representation made for another deal does not count', () => {
    const f = facts({ declaration: declaration(), accreditations: [representation({ dealId: '00000000-0000-7000-8000-0000000000ff' })] });
    expect(run(f, usdAttempt(300_000)).code).toBe('compliance_506c_not_verified');
  });
});
