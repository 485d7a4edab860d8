import { describe, expect, it } from 'vitest';
import { distributionComplianceEndsAt, distributionCompliancePeriod, resaleToUsPersonAllowed } from '../reg-s-distribution';
import { deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regS } from './reg-s';

const regSDeal = deal({ regimes: ['reg_s'] });
const run = (f = facts(), d = regSDeal, orderCountry: string | null = 'DE') => regS(f, d, usdAttempt(100, 'USD', 2, orderCountry), policy(), NOW);

describe('Regulation S rule', () => {
  it('is not applicable to deals not offered under Reg S', () => {
    expect(run(facts({ declaration: declaration({ isUsPerson: true }) }), deal()).outcome).toBe('not_applicable');
  });
  it('passes a declared non-U.S. person', () => {
    expect(run(facts({ declaration: declaration() })).outcome).toBe('pass');
  });
  it('blocks a declared U.S. person, a U.S. resident and a U.S. national', () => {
    for (const d of [declaration({ isUsPerson: true }), declaration({ residenceCountry: 'US' }), declaration({ nationality: 'US' })])
      expect(run(facts({ declaration: d }))).toMatchObject({ outcome: 'fail', code: 'compliance_reg_s_us_person' });
  });
  it('fails closed without a declaration', () => {
    expect(run().code).toBe('compliance_reg_s_declaration_required');
  });
  it('offshore transaction (230.903(a)(1)): the order comes from outside the United States, declared or from a KYC-verified residence', () => {
    const nonUs = declaration();
    expect(run(facts({ declaration: nonUs }), regSDeal, null)).toMatchObject({ outcome: 'fail', code: 'compliance_reg_s_order_location_required' });
    expect(run(facts({ declaration: nonUs, kycApproved: true }), regSDeal, null)).toMatchObject({ outcome: 'pass', inputs: { orderCountry: 'DE' } });
    for (const where of ['US', 'PR', 'GU', 'VI'])
      expect(run(facts({ declaration: nonUs, kycApproved: true }), regSDeal, where)).toMatchObject({ outcome: 'fail', code: 'compliance_reg_s_order_in_us' });
    expect(run(facts({ declaration: nonUs }), regSDeal, 'FR').outcome).toBe('pass');
    expect(run(facts({ declaration: nonUs }), regSDeal, 'US').reason).toContain('230.903(a)(1)');
  });
  it('leaves U.S. persons to the U.S. exemption of a deal offered under both', () => {
    expect(run(facts({ declaration: declaration({ isUsPerson: true }) }), deal({ regimes: ['reg_s', 'reg_d_506c'] })).outcome).toBe('not_applicable');
  });
});

describe('Reg S distribution compliance period', () => {
  it('category 1: none; category 2: 40 days; category 3: 40 days for debt, 6 months for a reporting issuer’s equity, 1 year otherwise', () => {
    expect(distributionCompliancePeriod({ category: 1, kind: 'equity', reportingIssuer: false })).toBeNull();
    expect(distributionCompliancePeriod({ category: 2, kind: 'equity', reportingIssuer: false })).toEqual({ days: 40 });
    expect(distributionCompliancePeriod({ category: 3, kind: 'debt', reportingIssuer: false })).toEqual({ days: 40 });
    expect(distributionCompliancePeriod({ category: 3, kind: 'equity', reportingIssuer: true })).toEqual({ months: 6 });
    expect(distributionCompliancePeriod({ category: 3, kind: 'equity', reportingIssuer: false })).toEqual({ years: 1 });
  });
  it('ends exactly at the period boundary', () => {
    const start = new Date('2026-01-31T00:00:00Z');
    const cat2 = { category: 2, kind: 'equity', reportingIssuer: false } as const;
    expect(distributionComplianceEndsAt(cat2, start).toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(resaleToUsPersonAllowed(cat2, start, new Date('2026-03-11T23:59:59.999Z'))).toBe(false);
    expect(resaleToUsPersonAllowed(cat2, start, new Date('2026-03-12T00:00:00Z'))).toBe(true);
    expect(distributionComplianceEndsAt({ category: 3, kind: 'equity', reportingIssuer: false }, start).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(resaleToUsPersonAllowed({ category: 1, kind: 'equity', reportingIssuer: false }, start, start)).toBe(true);
  });
});
