import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountError, fromMinorUnits, toMinorUnits } from './money';

describe('money', () => {
  it('converts decimal strings and plain numbers to minor units exactly', () => {
    expect(toMinorUnits('1250.5', 2)).toBe(125050n);
    expect(toMinorUnits('0.000001', 6)).toBe(1n);
    expect(toMinorUnits(10000, 2)).toBe(1000000n);
    expect(toMinorUnits('123456789012345678901234567890', 18)).toBe(123456789012345678901234567890n * 10n ** 18n);
  });

  it('rejects more decimals than the currency has, exponents, negatives and junk', () => {
    expect(() => toMinorUnits('1.001', 2)).toThrow(AmountError);
    expect(() => toMinorUnits(0.1 + 0.2, 2)).toThrow(AmountError);
    expect(() => toMinorUnits(1e21, 2)).toThrow(AmountError);
    expect(() => toMinorUnits('-5', 2)).toThrow(AmountError);
    expect(() => toMinorUnits('01', 2)).toThrow(AmountError);
    expect(() => toMinorUnits('1,000', 2)).toThrow(AmountError);
    expect(() => toMinorUnits('', 2)).toThrow(AmountError);
  });

  it('round-trips any minor amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        expect(toMinorUnits(fromMinorUnits(v, d), d)).toBe(v);
      }),
    );
  });
});
