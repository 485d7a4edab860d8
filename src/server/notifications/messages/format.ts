import { fromMinorUnits } from '../../money';
import type { Locale } from './index';

// Amounts and dates in the reader's conventions (Intl), never through floats: the decimal
// string from money.ts goes to Intl as a string, which formats it exactly (Intl.NumberFormat v3).

/** 125050n, 2 decimals, "USD" -> "1,250.50 USD" (en) or "1.250,50 USD" (de); every stored digit kept. */
export function formatMoney(locale: Locale, minor: bigint | string, decimals: number, currency: string): string {
  const text = fromMinorUnits(minor, decimals);
  const digits = text.split('.')[1]?.length ?? 0;
  const n = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(text as unknown as number);
  return `${n} ${currency}`;
}

/** A day, in words of the locale, in UTC: "June 22, 2026" / "22. Juni 2026". */
export function formatDate(locale: Locale, at: Date | string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(at));
}

/** A moment: "June 22, 2026 at 14:05 UTC" / "22. Juni 2026 um 14:05 UTC". */
export function formatDateTime(locale: Locale, at: Date | string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' }).format(new Date(at)) + ' UTC';
}
