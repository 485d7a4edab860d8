// U.S. federal business days, for the deadlines counted in business days (227.304(c): five
// business days to reconfirm) and the filing days that move past a weekend or holiday (230.503,
// with 230.0-3(a)). Holidays are those of 5 U.S.C. 6103(a): a fixed-date holiday on a Saturday is
// observed on the Friday before, on a Sunday on the Monday after. Dates are calendar days (UTC).

const DAY = 86_400_000;

const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** The n-th (1-based) given weekday of a month; n = -1 for the last one. */
function nthWeekday(y: number, m: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = utcDay(y, m, 1);
    return utcDay(y, m, 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7);
  }
  const last = utcDay(y, m + 1, 0);
  return utcDay(y, m, last.getUTCDate() - ((last.getUTCDay() - weekday + 7) % 7));
}

function observed(d: Date): Date {
  const w = d.getUTCDay();
  return w === 6 ? new Date(d.getTime() - DAY) : w === 0 ? new Date(d.getTime() + DAY) : d;
}

const cache = new Map<number, Set<string>>();

/** The federal holidays (as observed) of a year, as YYYY-MM-DD. */
export function federalHolidays(year: number): Set<string> {
  let set = cache.get(year);
  if (set) return set;
  const days = [
    observed(utcDay(year, 0, 1)), // New Year's Day
    nthWeekday(year, 0, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 1, 1, 3), // Washington's Birthday
    nthWeekday(year, 4, 1, -1), // Memorial Day
    observed(utcDay(year, 5, 19)), // Juneteenth National Independence Day
    observed(utcDay(year, 6, 4)), // Independence Day
    nthWeekday(year, 8, 1, 1), // Labor Day
    nthWeekday(year, 9, 1, 2), // Columbus Day
    observed(utcDay(year, 10, 11)), // Veterans Day
    nthWeekday(year, 10, 4, 4), // Thanksgiving Day
    observed(utcDay(year, 11, 25)), // Christmas Day
  ];
  // New Year's Day of the next year on a Saturday is observed on 31 December of this one.
  const nextNewYear = observed(utcDay(year + 1, 0, 1));
  if (nextNewYear.getUTCFullYear() === year) days.push(nextNewYear);
  set = new Set(days.filter((d) => d.getUTCFullYear() === year).map((d) => d.toISOString().slice(0, 10)));
  cache.set(year, set);
  return set;
}

/** Whether a calendar day (its UTC date) is a U.S. federal business day. */
export function isBusinessDay(d: Date): boolean {
  const w = d.getUTCDay();
  if (w === 0 || w === 6) return false;
  return !federalHolidays(d.getUTCFullYear()).has(d.toISOString().slice(0, 10));
}

/** The calendar day `n` business days after the day of `from` (the day of `from` itself does not count). */
export function addBusinessDays(from: Date, n: number): Date {
  let d = utcDay(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + DAY);
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/** The day itself when it is a business day, else the next business day. */
export function onOrNextBusinessDay(d: Date): Date {
  let day = utcDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  while (!isBusinessDay(day)) day = new Date(day.getTime() + DAY);
  return day;
}

/**
 * The end of a business day as an instant: midnight at its end in New York (05:00 UTC of the
 * next calendar day covers both EST and EDT, so the investor never gets less than the whole day).
 */
export function endOfBusinessDay(day: Date): Date {
  return new Date(utcDay(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1).getTime() + 5 * 3_600_000);
}
