import { describe, expect, it } from 'vitest';
import { assessEnhanced, oldestAcceptedIssueDate, type CheckEvidence } from './enhanced-evidence';

const NOW = new Date('2026-05-31T10:00:00Z');
const check = (kind: CheckEvidence['kind'], o: Partial<CheckEvidence> = {}): CheckEvidence => ({
  applicationId: 'app-1',
  documentId: `doc-${kind}`,
  kind,
  outcome: 'passed',
  issuedOn: kind === 'proof_of_address' ? '2026-05-01' : null,
  source: 'manual_review',
  reviewedBy: 'officer',
  at: NOW.toISOString(),
  ...o,
});
const clear = { open: 0, confirmed: 0 };
const all = [check('identity'), check('liveness'), check('proof_of_address')];
const assess = (checks: CheckEvidence[], screening = clear, approvedApplications = [{ id: 'app-1', provider: 'manual', level_requested: 'enhanced' }]) => assessEnhanced({ checks, approvedApplications, screening, now: NOW });

describe('enhanced level evidence', () => {
  it('is met by identity, liveness and a recent proof of address with screening clear, and names the evidence', () => {
    const a = assess(all);
    expect(a).toMatchObject({ eligible: true, missing: [] });
    expect(a.evidence).toMatchObject({ identity: { documentId: 'doc-identity' }, liveness: { documentId: 'doc-liveness' }, proofOfAddress: { issuedOn: '2026-05-01' }, screening: { clear: true } });
  });

  it('names each piece that is missing or failed', () => {
    expect(assess([check('identity'), check('liveness', { outcome: 'failed' })]).missing).toEqual(['liveness', 'proof_of_address']);
    expect(assess([], clear, []).missing).toEqual(['identity', 'liveness', 'proof_of_address']);
  });

  it('an identity approved earlier (an approved application without recorded checks) counts', () => {
    const apps = [
      { id: 'upgrade-app', provider: 'manual', level_requested: 'enhanced' },
      { id: 'old-app', provider: 'manual', level_requested: 'standard' },
    ];
    const a = assess([check('liveness'), check('proof_of_address')], clear, apps);
    expect(a.eligible).toBe(true);
    expect(a.evidence.identity).toEqual({ applicationId: 'old-app', source: 'approved_application' });
  });

  it('takes a proof of address issued exactly three months ago and refuses one a day older', () => {
    expect(oldestAcceptedIssueDate(NOW)).toBe('2026-02-28');
    expect(oldestAcceptedIssueDate(new Date('2026-07-15T23:59:59Z'))).toBe('2026-04-15');
    expect(assess([check('identity'), check('liveness'), check('proof_of_address', { issuedOn: '2026-02-28' })]).eligible).toBe(true);
    const old = assess([check('identity'), check('liveness'), check('proof_of_address', { issuedOn: '2026-02-27' })]);
    expect(old).toMatchObject({ eligible: false, missing: ['proof_of_address_too_old'] });
  });

  it('a provider-checked proof of address without an issue date counts (the provider applied its own age rule)', () => {
    expect(assess([check('identity'), check('liveness'), check('proof_of_address', { issuedOn: null, source: 'provider', documentId: null })]).eligible).toBe(true);
  });

  it('is not met while a screening hit is open or after one was confirmed', () => {
    expect(assess(all, { open: 1, confirmed: 0 })).toMatchObject({ eligible: false, missing: ['screening_hit_open'] });
    expect(assess(all, { open: 0, confirmed: 1 })).toMatchObject({ eligible: false, missing: ['screening_hit_confirmed'] });
  });
});
