import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// RFC 6238 with the parameters every authenticator app supports. Written on
// node:crypto rather than otplib because callers need the matched time step
// (for replay refusal) and constant-time comparison, which otplib 12 hides.
const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20; // RFC 4226 recommends 160 bits for HMAC-SHA1
const MAX_WINDOW = 10;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(SECRET_BYTES));
}

/** The otpauth:// URI an authenticator app scans from a QR code (Key Uri Format). */
export function totpKeyUri({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(STEP_SECONDS) });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

/**
 * Checks a code against the steps within `window` of now. `step` is the
 * matched time step: store it, and pass it back as `lastUsedStep` so the same
 * code (or an older one) is refused afterwards.
 */
export function verifyTotp(
  secret: string,
  code: string,
  opts: { now?: Date; window?: number; lastUsedStep?: number | null } = {},
): { ok: boolean; step: number | null } {
  const window = opts.window ?? 1;
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) {
    throw new RangeError(`verifyTotp: window must be an integer from 0 to ${MAX_WINDOW}`);
  }
  const key = base32Decode(secret);
  const given = code.replace(/\s/g, '');
  if (!/^\d+$/.test(given) || given.length !== DIGITS) return { ok: false, step: null };

  const current = Math.floor((opts.now ?? new Date()).getTime() / 1000 / STEP_SECONDS);
  const lastUsed = opts.lastUsedStep ?? -1;
  let matched: number | null = null;
  // Every candidate is computed and compared, match or not, so timing does not
  // reveal which step (if any) matched.
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given));
    if (same && step > lastUsed) matched = step;
  }
  return matched === null ? { ok: false, step: null } : { ok: true, step: matched };
}

/** RFC 4226 HOTP with dynamic truncation; `digits` above 6 only for the RFC test vectors. */
export function hotp(key: Uint8Array, counter: number, digits = DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff; // at most 12 live bits: keep it from overflowing
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes RFC 4648 base32 as apps and users write it: any case, spaces and padding ignored. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error('TOTP secret is not base32');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (out.length === 0) throw new Error('TOTP secret is empty');
  return Buffer.from(out);
}
