import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashToken, randomNumericCode, randomToken, safeEqual } from './secret-token';

describe('randomToken', () => {
  it('is base64url of the requested number of bytes and never repeats', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomToken(48), 'base64url')).toHaveLength(48);
    expect(randomToken()).not.toBe(a);
  });

  it('refuses token sizes too small to be unguessable', () => {
    expect(() => randomToken(8)).toThrow(RangeError);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 hex digest (a stable value the database can look up)', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('safeEqual', () => {
  it('agrees with === for any pair of strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => safeEqual(a, b) === (a === b)),
      { numRuns: 2000 },
    );
  });

  it('is true for a string and its copy, false for a prefix or a different length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (a) => {
        expect(safeEqual(a, `${a}`)).toBe(true);
        expect(safeEqual(a, a.slice(0, -1))).toBe(false);
        expect(safeEqual(a, `${a}\0`)).toBe(false);
      }),
    );
  });
});

describe('randomNumericCode', () => {
  it('has exactly the requested digits, leading zeros included', () => {
    for (let i = 0; i < 200; i++) expect(randomNumericCode()).toMatch(/^\d{6}$/);
    expect(randomNumericCode(8)).toMatch(/^\d{8}$/);
  });

  it('uses every digit in every position roughly uniformly', () => {
    const counts = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    const n = 5000;
    for (let i = 0; i < n; i++) {
      [...randomNumericCode()].forEach((d, pos) => counts[pos]![Number(d)]!++);
    }
    // Expected 500 per cell; 380..620 is > 5 standard deviations either side.
    for (const c of counts.flat()) {
      expect(c).toBeGreaterThan(380);
      expect(c).toBeLessThan(620);
    }
  });
});
