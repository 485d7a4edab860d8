import { describe, expect, it } from 'vitest';
import { formDDueOn } from './deal-summary';

describe('Form D due day (230.503(a)(1))', () => {
  it('15 calendar days after the first sale (UTC day), moved to Monday from a weekend', () => {
    expect(formDDueOn(new Date('2026-01-01T23:59:59Z'))).toBe('2026-01-16'); // Thursday -> Friday
    expect(formDDueOn(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-19'); // -> Saturday 17th -> Monday
    expect(formDDueOn(new Date('2026-01-03T12:00:00Z'))).toBe('2026-01-19'); // -> Sunday 18th -> Monday
    expect(formDDueOn(new Date('2026-02-14T00:00:00Z'))).toBe('2026-03-02'); // across a month end: Sunday 1 March -> Monday
  });
});
