import { describe, expect, it } from 'vitest';
import { formDDueOn } from './deal-summary';

describe('Form D due day (230.503(a)(1))', () => {
  it('15 calendar days after the first sale (UTC day), moved past a weekend and a federal holiday to the next business day', () => {
    expect(formDDueOn(new Date('2026-01-01T23:59:59Z'))).toBe('2026-01-16'); // Thursday -> Friday
    // Saturday 17th, Sunday 18th, then Monday 19 January 2026 is Martin Luther King Jr. Day: Tuesday 20th (230.0-3(a)).
    expect(formDDueOn(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-20');
    expect(formDDueOn(new Date('2026-01-03T12:00:00Z'))).toBe('2026-01-20');
    expect(formDDueOn(new Date('2026-02-14T00:00:00Z'))).toBe('2026-03-02'); // across a month end: Sunday 1 March -> Monday
  });
});
