import { ValidationError, type FieldError } from '../errors';
import { AmountError, toMinorUnits } from '../money';

// Decimals of the currencies we know; others must be given explicitly.
const KNOWN_DECIMALS: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, CHF: 2, USDC: 6, USDT: 6, PYUSD: 6, DAI: 18, ETH: 18, WETH: 18, MATIC: 18, POL: 18 };

export function decimalsFor(currency: string, given: number | undefined): number {
  if (given !== undefined) return given;
  const known = KNOWN_DECIMALS[currency];
  if (known === undefined) throw new ValidationError([{ field: 'currencyDecimals', message: `currencyDecimals is required for ${currency}` }]);
  return known;
}

/** Converts named decimal fields to minor units, reporting every bad field at once. */
export function convertAmounts<K extends string>(values: Partial<Record<K, string | undefined>>, decimals: number): Partial<Record<K, bigint>> {
  const out: Partial<Record<K, bigint>> = {};
  const errors: FieldError[] = [];
  for (const [field, v] of Object.entries(values) as [K, string | undefined][]) {
    if (v === undefined) continue;
    try {
      out[field] = toMinorUnits(v, decimals);
    } catch (e) {
      if (!(e instanceof AmountError)) throw e;
      errors.push({ field, message: `${field} ${e.message}` });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/** The money rules a deal must keep, checked on create and on every edit. */
export function checkDealAmounts(a: { target: bigint; soft: bigint; hard: bigint; min: bigint; max: bigint | null }, dates: { startsAt: Date | null; endsAt: Date | null }) {
  const errors: FieldError[] = [];
  if (a.target <= 0n) errors.push({ field: 'targetAmount', message: 'targetAmount must be more than 0' });
  if (a.min <= 0n) errors.push({ field: 'minTicket', message: 'minTicket must be more than 0' });
  if (a.soft > a.hard) errors.push({ field: 'softCap', message: 'softCap cannot exceed hardCap' });
  if (a.target > a.hard) errors.push({ field: 'targetAmount', message: 'targetAmount cannot exceed hardCap' });
  if (a.min > a.hard) errors.push({ field: 'minTicket', message: 'minTicket cannot exceed hardCap' });
  if (a.max !== null && a.max < a.min) errors.push({ field: 'maxTicket', message: 'maxTicket cannot be below minTicket' });
  if (dates.startsAt && dates.endsAt && dates.endsAt <= dates.startsAt) errors.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  if (errors.length) throw new ValidationError(errors);
}
