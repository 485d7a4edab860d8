import { z } from 'zod';

// Money crosses the API as decimal strings in major units ("1250.50") and lives as
// integers in minor units (bigint, numeric(78,0)) with the currency's decimals beside it.
const DECIMAL = /^(0|[1-9]\d{0,59})(\.\d{1,18})?$/;

export class AmountError extends Error {}

/** "1250.5" with 2 decimals -> 125050n. More fraction digits than the currency has is an error, never rounded. */
export function toMinorUnits(input: string | number, decimals: number): bigint {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  if (!DECIMAL.test(text)) throw new AmountError('must be a positive decimal number such as "1250.50"');
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > decimals) throw new AmountError(`has more than ${decimals} decimal places`);
  return BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** 125050n with 2 decimals -> "1250.50". */
export function fromMinorUnits(value: bigint | string, decimals: number): string {
  const v = BigInt(value);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const fraction = decimals > 0 ? `.${(abs % base).toString().padStart(decimals, '0')}` : '';
  return `${neg ? '-' : ''}${whole}${fraction}`;
}

// A JSON number is accepted where the seed API shows one; it must print exactly as typed
// (no exponent, no binary rounding), so 0.1 is fine and 1e21 or 0.30000000000000004 are not.
function numberToPlainString(n: number): string {
  if (!Number.isFinite(n) || n < 0) throw new AmountError('must be a positive decimal number');
  const s = String(n);
  if (/e/i.test(s)) throw new AmountError('must be written without an exponent; send it as a string');
  return s;
}

/** zod field: a positive decimal amount as a string (or plain JSON number), kept as text until the currency is known. */
export const amountField = (label: string) =>
  z.union([z.string(), z.number()], { error: `${label} is required` }).transform((v, ctx) => {
    const text = typeof v === 'number' ? safeNumber(v) : v.trim();
    if (text === null || !DECIMAL.test(text)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a positive decimal number such as "1250.50"` });
      return z.NEVER;
    }
    return text;
  });

function safeNumber(n: number): string | null {
  try {
    return numberToPlainString(n);
  } catch {
    return null;
  }
}
