import { describe, expect, it } from 'vitest';
import { accreditation, deal, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { verificationLevel } from './verification-level';

const run = (f = facts(), d = deal()) => verificationLevel(f, d, usdAttempt(1), policy(), NOW);

describe('verification level rule', () => {
  it('is not applicable without a minimum or with none', () => {
    expect(run().outcome).toBe('not_applicable');
    expect(run(facts(), deal({ minimumVerificationLevel: 'none' })).outcome).toBe('not_applicable');
  });
  it('passes at or above the minimum and fails below it', () => {
    const d = deal({ minimumVerificationLevel: 'standard' });
    expect(run(facts({ verificationLevel: 'standard' }), d).outcome).toBe('pass');
    expect(run(facts({ verificationLevel: 'enhanced' }), d).outcome).toBe('pass');
    expect(run(facts({ verificationLevel: 'basic' }), d)).toMatchObject({ outcome: 'fail', code: 'compliance_verification_level' });
  });
  it('a current accreditation counts as the accredited level', () => {
    expect(run(facts({ verificationLevel: 'standard', accreditations: [accreditation()] }), deal({ minimumVerificationLevel: 'accredited' })).outcome).toBe('pass');
  });
});
