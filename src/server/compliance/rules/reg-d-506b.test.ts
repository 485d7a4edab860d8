import { describe, expect, it } from 'vitest';
import { accreditation, deal, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regD506b } from './reg-d-506b';

const d506b = deal({ regimes: ['reg_d_506b'] });
const suitable = { band: 'medium', score: 10, assessedAt: NOW.toISOString() };
const run = (f = facts(), d = d506b) => regD506b(f, d, usdAttempt(1000), policy(), NOW);

describe('Rule 506(b)', () => {
  it('is not applicable outside 506(b) deals', () => {
    expect(run(facts(), deal()).outcome).toBe('not_applicable');
  });
  it('passes accredited investors whatever the count', () => {
    expect(run(facts({ accreditations: [accreditation()], dealNonAccreditedPurchasers: 35 })).code).toBe('accredited');
    expect(run(facts({ accreditations: [accreditation()], dealNonAccreditedPurchasers: 99 })).outcome).toBe('pass');
    // A profile level granted by an accreditation since expired is not status at the sale (230.501(a)).
    expect(run(facts({ verificationLevel: 'accredited', suitability: suitable, dealNonAccreditedPurchasers: 99 })).code).toBe('compliance_506b_non_accredited_limit');
  });
  it('allows the 35th non-accredited purchaser (34 others) and blocks the 36th (35 others)', () => {
    expect(run(facts({ suitability: suitable, dealNonAccreditedPurchasers: 34 })).outcome).toBe('pass');
    expect(run(facts({ suitability: suitable, dealNonAccreditedPurchasers: 35 }))).toMatchObject({ outcome: 'fail', code: 'compliance_506b_non_accredited_limit' });
  });
  it('does not count a purchaser twice: an already counted investor may invest again at 35', () => {
    expect(run(facts({ suitability: suitable, dealNonAccreditedPurchasers: 35, alreadyNonAccreditedPurchaser: true })).outcome).toBe('pass');
  });
  it('requires a suitability band at least the minimum (tenant default medium, or the deal’s own)', () => {
    expect(run(facts()).code).toBe('compliance_506b_suitability');
    expect(run(facts({ suitability: { ...suitable, band: 'low' } })).code).toBe('compliance_506b_suitability');
    expect(run(facts({ suitability: { ...suitable, band: 'high' } })).outcome).toBe('pass');
    expect(run(facts({ suitability: suitable }), deal({ regimes: ['reg_d_506b'], minimumSuitabilityBand: 'high' })).code).toBe('compliance_506b_suitability');
  });
  it('an expired accreditation does not count', () => {
    expect(run(facts({ accreditations: [accreditation({ expiresAt: NOW.toISOString() })], dealNonAccreditedPurchasers: 35, suitability: suitable })).code).toBe('compliance_506b_non_accredited_limit');
  });
});
