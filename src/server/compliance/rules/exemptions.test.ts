import { describe, expect, it } from 'vitest';
import { exemptionConflict, offeringExemption } from './exemptions';
import { deal, facts, NOW, policy, usdAttempt } from './fixtures.test-support';

describe('one U.S. exemption per offering (230.152, 230.506)', () => {
  it('506(b) and 506(c) exclude each other', () => {
    expect(exemptionConflict(['reg_d_506b', 'reg_d_506c'])).toMatch(/506\(b\) and Rule 506\(c\) exclude each other/);
  });
  it('Reg CF beside Reg D is a separate offering', () => {
    expect(exemptionConflict(['reg_cf', 'reg_d_506b'])).toMatch(/Rule 152/);
    expect(exemptionConflict(['reg_cf', 'reg_d_506c', 'reg_s'])).toMatch(/Rule 152/);
  });
  it('one U.S. exemption with or without Regulation S is fine, and so is Regulation S alone', () => {
    for (const r of [[], ['reg_s'], ['reg_cf'], ['reg_cf', 'reg_s'], ['reg_d_506b', 'reg_s'], ['reg_d_506c']]) expect(exemptionConflict(r)).toBeNull();
  });
  it('a regime listed twice is refused', () => {
    expect(exemptionConflict(['reg_cf', 'reg_cf'])).not.toBeNull();
  });
  it('a deal stored with combined exemptions takes no investment', () => {
    const r = offeringExemption(facts(), deal({ regimes: ['reg_d_506b', 'reg_d_506c'] }), usdAttempt(100), policy(), NOW);
    expect(r).toMatchObject({ outcome: 'fail', code: 'compliance_exemptions_combined' });
    expect(offeringExemption(facts(), deal({ regimes: ['reg_cf', 'reg_s'] }), usdAttempt(100), policy(), NOW).outcome).toBe('pass');
  });
});
