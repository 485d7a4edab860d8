import { describe, expect, it } from 'vitest';
import { shouldApply } from './ordering';

const t = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s));

describe('provider event ordering', () => {
  it('applies newer events and drops older ones, whatever their status', () => {
    expect(shouldApply({ current: 'approved', lastEventAt: t(10), next: 'pending', occurredAt: t(5) })).toBe(false);
    expect(shouldApply({ current: 'pending', lastEventAt: t(5), next: 'approved', occurredAt: t(10) })).toBe(true);
    // A genuine later re-review (Sumsub reset, then RED/RETRY) does replace an approval.
    expect(shouldApply({ current: 'approved', lastEventAt: t(10), next: 'retry', occurredAt: t(20) })).toBe(true);
  });

  it('without times (ShuftiPro) or on a tie, a stale pending never overwrites a decision', () => {
    expect(shouldApply({ current: 'approved', lastEventAt: null, next: 'pending', occurredAt: null })).toBe(false);
    expect(shouldApply({ current: 'rejected', lastEventAt: t(1), next: 'pending', occurredAt: t(1) })).toBe(false);
    expect(shouldApply({ current: 'submitted', lastEventAt: null, next: 'pending', occurredAt: null })).toBe(true);
    expect(shouldApply({ current: 'pending', lastEventAt: null, next: 'approved', occurredAt: t(3) })).toBe(true);
  });
});
