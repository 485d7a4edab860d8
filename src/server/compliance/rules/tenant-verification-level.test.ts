import { describe, expect, it } from 'vitest';
import { accreditation, facts, NOW, policy, deal, usdAttempt } from './fixtures.test-support';
import { tenantVerificationLevel } from './tenant-verification-level';
import { effectiveLevel } from './verification-level';

const levels = (v: Record<string, unknown>) => policy({ verificationLevels: v });
const run = (f = facts(), p = policy(), attempt = usdAttempt(100)) => tenantVerificationLevel(f, deal(), attempt, p, NOW);
// 10,000.00 USD in cents.
const above = levels({ invest: 'basic', investAbove: { level: 'enhanced', amounts: { USD: '1000000' } } });

describe('tenant verification level for investing', () => {
  it('is not applicable with the defaults (today’s behaviour)', () => {
    expect(run().outcome).toBe('not_applicable');
    expect(policy().verificationLevels).toEqual({ browse: 'none', invest: 'none', investAbove: null, trade: 'none' });
  });

  it('passes at or above the invest level and fails below it with a stable code naming the level', () => {
    const p = levels({ invest: 'standard' });
    expect(run(facts({ verificationLevel: 'standard' }), p).outcome).toBe('pass');
    expect(run(facts({ verificationLevel: 'enhanced' }), p).outcome).toBe('pass');
    const r = run(facts({ verificationLevel: 'basic' }), p);
    expect(r).toMatchObject({ outcome: 'fail', code: 'compliance_verification_level_required', inputs: { required: 'standard', effectiveLevel: 'basic' } });
    expect(r.reason).toContain('standard');
  });

  it('exactly at the investAbove threshold needs the invest level only; one cent above needs the higher level', () => {
    const basic = facts({ verificationLevel: 'basic' });
    const at = run(basic, above, { amountMinor: '1000000', currency: 'USD', decimals: 2, orderCountry: null });
    expect(at).toMatchObject({ outcome: 'pass', inputs: { required: 'basic', aboveThreshold: false, investAbove: { level: 'enhanced', thresholdMinor: '1000000' } } });
    const over = run(basic, above, { amountMinor: '1000001', currency: 'USD', decimals: 2, orderCountry: null });
    expect(over).toMatchObject({ outcome: 'fail', code: 'compliance_verification_level_required', inputs: { required: 'enhanced', aboveThreshold: true } });
    expect(over.reason).toContain('10000.00 USD');
    expect(run(facts({ verificationLevel: 'enhanced' }), above, { amountMinor: '1000001', currency: 'USD', decimals: 2, orderCountry: null }).outcome).toBe('pass');
  });

  it('a currency without a threshold uses the invest level alone', () => {
    expect(run(facts({ verificationLevel: 'basic' }), above, { amountMinor: '999999999999', currency: 'EUR', decimals: 2, orderCountry: null })).toMatchObject({ outcome: 'pass', inputs: { required: 'basic', aboveThreshold: false } });
  });

  it('an open or confirmed screening hit caps the level at standard', () => {
    const p = levels({ invest: 'enhanced' });
    const flagged = facts({ verificationLevel: 'enhanced', screening: { openHits: 1, confirmedHits: 0 } });
    expect(run(flagged, p)).toMatchObject({ outcome: 'fail', inputs: { profileLevel: 'enhanced', effectiveLevel: 'standard' } });
    expect(run(flagged, p).reason).toContain('screening');
    expect(effectiveLevel(facts({ verificationLevel: 'enhanced', accreditations: [accreditation()], screening: { openHits: 0, confirmedHits: 1 } }), NOW)).toBe('standard');
    expect(effectiveLevel(facts({ verificationLevel: 'basic', screening: { openHits: 2, confirmedHits: 0 } }), NOW)).toBe('basic');
    expect(run(facts({ verificationLevel: 'enhanced' }), p).outcome).toBe('pass');
  });
});
