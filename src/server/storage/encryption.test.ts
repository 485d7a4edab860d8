import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionFailed, ENCRYPTION_VERSION, decryptFromStorage, encryptForStorage } from './encryption';

const key = new Uint8Array(randomBytes(32));
const passport = new TextEncoder().encode('%PDF-1.7 passport scan of a KYC applicant');

describe('encryptForStorage / decryptFromStorage', () => {
  it('round-trips and hides the plaintext', () => {
    const sealed = encryptForStorage(passport, key);
    expect(Buffer.from(sealed).includes(Buffer.from('passport'))).toBe(false);
    expect(decryptFromStorage(sealed, key)).toEqual(passport);
  });

  it('uses the documented layout: version byte, 12-byte IV, ciphertext, 16-byte GCM tag', () => {
    const sealed = encryptForStorage(passport, key);
    expect(sealed[0]).toBe(ENCRYPTION_VERSION);
    expect(sealed.length).toBe(1 + 12 + passport.length + 16);
    // Decrypt with plain node:crypto from the layout alone, as an independent check.
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
    d.setAAD(Uint8Array.of(ENCRYPTION_VERSION));
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([d.update(sealed.subarray(13, sealed.length - 16)), d.final()]);
    expect(new Uint8Array(plain)).toEqual(passport);
  });

  it('uses a fresh IV each time, so equal files give different ciphertexts', () => {
    const a = encryptForStorage(passport, key);
    const b = encryptForStorage(passport, key);
    expect(Buffer.from(a.subarray(1, 13)).equals(Buffer.from(b.subarray(1, 13)))).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it.each([
    ['a ciphertext byte', (s: Uint8Array) => (s[20]! ^= 1)],
    ['the IV', (s: Uint8Array) => (s[1]! ^= 1)],
    ['the tag', (s: Uint8Array) => (s[s.length - 1]! ^= 1)],
  ])('throws when %s is tampered with', (_what, tamper) => {
    const sealed = encryptForStorage(passport, key);
    tamper(sealed);
    expect(() => decryptFromStorage(sealed, key)).toThrow(DecryptionFailed);
  });

  it('throws with the wrong key, an unknown version or a truncated file', () => {
    const sealed = encryptForStorage(passport, key);
    expect(() => decryptFromStorage(sealed, new Uint8Array(randomBytes(32)))).toThrow(DecryptionFailed);
    const otherVersion = Uint8Array.from(sealed);
    otherVersion[0] = 0x02;
    expect(() => decryptFromStorage(otherVersion, key)).toThrow(DecryptionFailed);
    expect(() => decryptFromStorage(sealed.subarray(0, 20), key)).toThrow(DecryptionFailed);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptForStorage(passport, new Uint8Array(16))).toThrow(RangeError);
    expect(() => decryptFromStorage(encryptForStorage(passport, key), new Uint8Array(31))).toThrow(RangeError);
  });
});
