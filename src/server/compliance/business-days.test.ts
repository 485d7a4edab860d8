import { describe, expect, it } from 'vitest';
import { addBusinessDays, federalHolidays, isBusinessDay } from './business-days';
import { formDDueOn } from './deal-summary';
import { reconfirmationDeadline } from './reg-cf-material-change';

const d = (s: string) => new Date(`${s}T12:00:00Z`);
const day = (x: Date) => x.toISOString().slice(0, 10);

describe('U.S. federal business days', () => {
  it('knows the holidays of 5 U.S.C. 6103, observed on the nearest weekday', () => {
    expect([...federalHolidays(2026)].sort()).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    // 1 January 2022 was a Saturday: observed on Friday 31 December 2021.
    expect(federalHolidays(2021).has('2021-12-31')).toBe(true);
    expect(isBusinessDay(d('2026-11-26'))).toBe(false);
    expect(isBusinessDay(d('2026-11-27'))).toBe(true);
  });

  it('counts five business days past weekends and Thanksgiving (227.304(c))', () => {
    // Monday 23 November 2026: Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30, Tue 1 December.
    expect(day(addBusinessDays(d('2026-11-23'), 5))).toBe('2026-12-01');
    expect(day(addBusinessDays(d('2026-12-04'), 5))).toBe('2026-12-11');
    expect(reconfirmationDeadline(new Date('2026-11-23T15:00:00Z')).toISOString()).toBe('2026-12-02T05:00:00.000Z');
  });

  it('moves a Form D due day off weekends and federal holidays (230.503, 230.0-3(a))', () => {
    // 15 days after 11 June 2026 is Friday 26 June; after 4 June, Friday 19 June (Juneteenth) -> Monday 22 June.
    expect(formDDueOn(d('2026-06-11'))).toBe('2026-06-26');
    expect(formDDueOn(d('2026-06-04'))).toBe('2026-06-22');
    // 15 days after 13 June is Sunday 28 June -> Monday 29 June.
    expect(formDDueOn(d('2026-06-13'))).toBe('2026-06-29');
  });
});
