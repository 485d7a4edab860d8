import { describe, expect, it } from 'vitest';
import { generateTotpSecret, hotp, totpKeyUri, verifyTotp } from './totp';

// RFC 6238 Appendix B, SHA-1: the key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // the same key in base32
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
];
const at = (seconds: number) => new Date(seconds * 1000);

// Independent of the module's decoder: bits via string arithmetic, slow but obvious.
function fromBase32(text: string): Buffer {
  const bits = [...text].map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0')).join('');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

describe('RFC 6238 Appendix B vectors', () => {
  it('the base32 secret is the RFC key', () => {
    expect(fromBase32(RFC_SECRET)).toEqual(RFC_KEY);
  });

  it.each(RFC_VECTORS)('t=%i gives %s (8 digits)', (seconds, code) => {
    expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(code);
  });

  it.each(RFC_VECTORS)('t=%i: verifyTotp accepts the last 6 digits of %s from the base32 secret', (seconds, code) => {
    const result = verifyTotp(RFC_SECRET, code.slice(2), { now: at(seconds), window: 0 });
    expect(result).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });
});

describe('verifyTotp', () => {
  const t = 1111111111;
  const step = Math.floor(t / 30);
  const codeAt = (s: number) => hotp(RFC_KEY, s);

  it('rejects a wrong code and malformed input', () => {
    const wrong = String((Number(codeAt(step)) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(RFC_SECRET, wrong, { now: at(t) }).ok).toBe(false);
    expect(verifyTotp(RFC_SECRET, '', { now: at(t) }).ok).toBe(false);
    expect(verifyTotp(RFC_SECRET, `${codeAt(step)}0`, { now: at(t) }).ok).toBe(false);
  });

  it('accepts a code typed with a space in the middle', () => {
    const code = codeAt(step);
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, { now: at(t) }).ok).toBe(true);
  });

  it('accepts one step of clock drift by default, not two', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), { now: at(t) })).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), { now: at(t) })).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, codeAt(step - 2), { now: at(t) }).ok).toBe(false);
    expect(verifyTotp(RFC_SECRET, codeAt(step + 2), { now: at(t) }).ok).toBe(false);
  });

  it('honours a wider or a zero window', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step - 2), { now: at(t), window: 2 }).ok).toBe(true);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), { now: at(t), window: 0 }).ok).toBe(false);
  });

  it('refuses a replay of the same step and any earlier one', () => {
    const first = verifyTotp(RFC_SECRET, codeAt(step), { now: at(t) });
    expect(first).toEqual({ ok: true, step });
    // Same code again 10 s later, with the stored step passed back: refused.
    expect(verifyTotp(RFC_SECRET, codeAt(step), { now: at(t + 10), lastUsedStep: first.step })).toEqual({ ok: false, step: null });
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), { now: at(t), lastUsedStep: step }).ok).toBe(false);
    // The next step's code is still fine.
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), { now: at(t + 30), lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it('works with a freshly generated secret (20 random bytes, base32)', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
    const key = fromBase32(secret);
    expect(key).toHaveLength(20);
    const now = new Date();
    const code = hotp(key, Math.floor(now.getTime() / 30_000));
    expect(verifyTotp(secret, code, { now }).ok).toBe(true);
    expect(verifyTotp(secret.toLowerCase(), code, { now }).ok).toBe(true);
  });

  it('throws on a stored secret that is not base32 (a data bug, not a wrong code)', () => {
    expect(() => verifyTotp('not-base32!', '123456')).toThrow(/base32/);
  });
});

describe('totpKeyUri', () => {
  it('is an otpauth URI an authenticator app can read back', () => {
    const uri = totpKeyUri({ secret: RFC_SECRET, accountName: 'ann@example.com', issuer: 'Acme Deals' });
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Acme Deals:ann@example.com');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret: RFC_SECRET,
      issuer: 'Acme Deals',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
