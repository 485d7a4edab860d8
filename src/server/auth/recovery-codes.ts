import { randomInt } from 'node:crypto';

// Crockford's base32 alphabet: 32 symbols (5 bits each) without i, l, o, u,
// so nothing a person reads off paper is ambiguous; the look-alikes a person
// may still type (o for 0, i/l for 1) are mapped back in normalizeRecoveryCode.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUP = 5;
const LENGTH = GROUP * 2; // 10 symbols x 5 bits = 50 bits per code

/**
 * Single-use MFA recovery codes, shown once, in the canonical form
 * "xxxxx-xxxxx". Store only hashToken(code); compare against
 * hashToken(normalizeRecoveryCode(input)).
 */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new RangeError('generateRecoveryCodes: count must be an integer from 1 to 100');
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

function randomCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, GROUP)}-${raw.slice(GROUP)}`;
}

/**
 * Canonical form of what a user typed (case, spaces and dashes ignored), or
 * null when it cannot be a recovery code at all, so callers never hash garbage.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const raw = input
    .toLowerCase()
    // Typographic dashes too: codes get pasted from documents and password managers.
    .replace(/[\s_\u2010-\u2015-]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  if (raw.length !== LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return null;
  return `${raw.slice(0, GROUP)}-${raw.slice(GROUP)}`;
}
