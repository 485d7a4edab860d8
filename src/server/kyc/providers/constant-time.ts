import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a received hex digest with the expected one in constant time. The expected
 * length is public (it follows from the algorithm), so a length mismatch may return early.
 */
export function hexDigestEquals(expectedHex: string, receivedHex: string): boolean {
  const received = receivedHex.trim().toLowerCase();
  if (received.length !== expectedHex.length || !/^[0-9a-f]*$/.test(received)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'utf8'), Buffer.from(received, 'utf8'));
}
