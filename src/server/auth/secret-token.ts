import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Below 16 bytes (128 bits) a token stops being unguessable over its lifetime.
const MIN_TOKEN_BYTES = 16;

/** An unguessable opaque token (refresh token, email link, invitation), base64url without padding. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_TOKEN_BYTES || bytes > 1024) {
    throw new RangeError(`randomToken: bytes must be an integer from ${MIN_TOKEN_BYTES} to 1024`);
  }
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 hex of a token. The database keeps only this, so a leaked table does
 * not hand out live refresh tokens or codes; a plain hash suffices (no salt or
 * slow KDF) because the tokens themselves are random and high-entropy.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Timing-safe string comparison. Both sides are hashed first so the comparison
 * runs over equal-length digests: neither the content nor the length of the
 * secret leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** A uniformly random decimal code (email/SMS one-time code); leading zeros kept. */
export function randomNumericCode(digits = 6): string {
  if (!Number.isInteger(digits) || digits < 4 || digits > 32) {
    throw new RangeError('randomNumericCode: digits must be an integer from 4 to 32');
  }
  // One randomInt per digit: uniform for any length, with no modulo bias.
  let code = '';
  for (let i = 0; i < digits; i++) code += String(randomInt(10));
  return code;
}
