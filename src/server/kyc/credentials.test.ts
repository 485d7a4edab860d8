import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dataEncryptionKey, openSecret, sealSecret } from './credentials';

describe('sealed tenant KYC credentials', () => {
  const key = randomBytes(32);

  it('round-trips, and never shows the secret in the sealed text', () => {
    const sealed = sealSecret('{"secretKey":"s3cr3t-value"}', key, 'tenant-a|sumsub');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('s3cr3t');
    expect(openSecret(sealed, key, 'tenant-a|sumsub')).toBe('{"secretKey":"s3cr3t-value"}');
    expect(sealSecret('x', key, 'a')).not.toBe(sealSecret('x', key, 'a'));
  });

  it('does not open under another tenant or provider, another key, or after tampering', () => {
    const sealed = sealSecret('secret', key, 'tenant-a|sumsub');
    expect(() => openSecret(sealed, key, 'tenant-b|sumsub')).toThrow(/do not decrypt/);
    expect(() => openSecret(sealed, key, 'tenant-a|shuftipro')).toThrow(/do not decrypt/);
    expect(() => openSecret(sealed, randomBytes(32), 'tenant-a|sumsub')).toThrow(/do not decrypt/);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[14]! ^= 1;
    expect(() => openSecret(`v1.${raw.toString('base64url')}`, key, 'tenant-a|sumsub')).toThrow(/do not decrypt/);
  });

  it('reads DATA_ENCRYPTION_KEY as 32 bytes of base64 or base64url, and refuses anything else', () => {
    const k = randomBytes(32);
    expect(dataEncryptionKey({ DATA_ENCRYPTION_KEY: k.toString('base64') }).equals(k)).toBe(true);
    expect(dataEncryptionKey({ DATA_ENCRYPTION_KEY: k.toString('base64url') }).equals(k)).toBe(true);
    expect(() => dataEncryptionKey({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
    expect(() => dataEncryptionKey({ DATA_ENCRYPTION_KEY: undefined })).toThrow(/not configured/);
  });
});
