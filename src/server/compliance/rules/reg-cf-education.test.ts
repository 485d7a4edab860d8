import { describe, expect, it } from 'vitest';
import { deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regCfEducation } from './reg-cf-education';

const run = (f: ReturnType<typeof facts>, regimes: ('reg_cf' | 'reg_s' | 'reg_d_506c')[]) => regCfEducation(f, deal({ regimes }), usdAttempt(100), policy(), NOW);

describe('Reg CF educational materials acknowledged before investing (227.302(b), 227.303(b)(2))', () => {
  it('refuses a Reg CF purchase without the acknowledgement of the current materials, naming the sections', () => {
    const r = run(facts({ regCfEducationAcknowledgedAt: null }), ['reg_cf']);
    expect(r).toMatchObject({ outcome: 'fail', code: 'compliance_reg_cf_education_required' });
    expect(r.reason).toContain('227.302(b)');
    expect(run(facts(), ['reg_cf']).outcome).toBe('pass');
  });
  it('does not concern other offerings or the Reg S buyer of a Reg CF deal', () => {
    expect(run(facts({ regCfEducationAcknowledgedAt: null }), ['reg_d_506c']).outcome).toBe('not_applicable');
    expect(run(facts({ regCfEducationAcknowledgedAt: null, declaration: declaration() }), ['reg_cf', 'reg_s']).outcome).toBe('not_applicable');
  });
});
