import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';

describe('generateRecoveryCodes', () => {
  it('gives ten distinct xxxxx-xxxxx codes from the unambiguous alphabet by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('draws from all 32 symbols (5 bits each, 50 bits per code)', () => {
    const symbols = new Set(generateRecoveryCodes(100).join('').replace(/-/g, ''));
    expect(symbols.size).toBe(32);
  });

  it('is its own canonical form', () => {
    for (const code of generateRecoveryCodes()) expect(normalizeRecoveryCode(code)).toBe(code);
  });
});

describe('normalizeRecoveryCode', () => {
  it('ignores case, spaces and dashes, so a code typed loosely still matches', () => {
    expect(normalizeRecoveryCode('ABCDE-FGH23')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode(' abcde fgh23 ')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode('abcdefgh23')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode('ab-cd-ef-gh-23')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode('abcde\u2013fgh23')).toBe('abcde-fgh23');
  });

  it('reads the look-alikes o, i and l as 0 and 1', () => {
    expect(normalizeRecoveryCode('O1OIL-22222')).toBe('01011-22222');
  });

  it('rejects input that cannot be a code', () => {
    expect(normalizeRecoveryCode('abcde-fgh2')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fgh234')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghu3')).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
  });
});
