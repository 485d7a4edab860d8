import { describe, expect, it } from 'vitest';
import { badActor } from './bad-actor';
import { daysAgo, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';

const run = (certifiedAt: string | null, regimes: ('reg_d_506b' | 'reg_d_506c' | 'reg_cf' | 'reg_s')[], f = facts()) =>
  badActor({ ...f, issuerBadActorCertifiedAt: certifiedAt }, deal({ regimes }), usdAttempt(100), policy(), NOW);

describe('bad-actor certification (230.506(d), (e); 227.503)', () => {
  it('Rule 506 and Reg CF deals need the issuer’s certification, made less than a year ago', () => {
    for (const r of ['reg_d_506b', 'reg_d_506c', 'reg_cf'] as const) {
      expect(run(null, [r])).toMatchObject({ outcome: 'fail', code: 'compliance_bad_actor_certification_required' });
      expect(run(daysAgo(364), [r]).outcome).toBe('pass');
      expect(run(daysAgo(365), [r]).code).toBe('compliance_bad_actor_certification_required');
    }
    expect(run(null, ['reg_cf']).reason).toContain('227.503');
    expect(run(null, ['reg_d_506c']).reason).toContain('230.506(d)');
  });
  it('does not concern deals under no U.S. exemption, or the Reg S buyer of a deal with one', () => {
    expect(run(null, []).outcome).toBe('not_applicable');
    expect(run(null, ['reg_s']).outcome).toBe('not_applicable');
    expect(run(null, ['reg_cf', 'reg_s'], facts({ declaration: declaration() })).outcome).toBe('not_applicable');
    expect(run(null, ['reg_cf', 'reg_s'], facts({ declaration: declaration({ isUsPerson: true }) })).outcome).toBe('fail');
  });
});
