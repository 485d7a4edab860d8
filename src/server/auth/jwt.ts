import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import { z } from 'zod';

export type JwtKey = { kid: string; secret: Uint8Array };
/** `current` signs; `previous` keys still verify until their tokens have expired. */
export type KeyRing = { current: JwtKey; previous: JwtKey[] };

export type AccessClaims = {
  tenantId: string;
  userId: string;
  role: string;
  sessionId: string;
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
};

export type InvalidTokenReason = 'expired' | 'invalid';

/** Any failure to accept an access token; `reason` lets the client know whether a refresh can help. */
export class InvalidTokenError extends Error {
  readonly reason: InvalidTokenReason;
  constructor(reason: InvalidTokenReason, options?: { cause?: unknown }) {
    super(reason === 'expired' ? 'access token expired' : 'access token invalid', options);
    this.name = 'InvalidTokenError';
    this.reason = reason;
  }
}

const ISSUER = 'community-deals';
const ALG = 'HS256';
// Access vs refresh vs any other JWT (RFC 9068): a token of another type never passes as access.
const TYP = 'at+jwt';
const MAX_CLOCK_SKEW_SECONDS = 30;
const DEFAULT_TTL_SECONDS = 900;
// HS256 needs a key at least as long as its output (RFC 7518 section 3.2).
const MIN_SECRET_BYTES = 32;
const KID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
// Headers that point at or embed a key: honouring any of them lets the sender pick the key.
const KEY_BEARING_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256'] as const;

/**
 * Parses "kid1:base64secret,kid2:base64secret" (first = current). Throws with
 * a message that names the faulty kid or position, never the secret.
 */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new Error('JWT key ring is empty: expected "kid:base64secret[,kid:base64secret...]"');
  const seen = new Set<string>();
  const keys = entries.map((entry, i): JwtKey => {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KID.test(kid)) throw new Error(`JWT key ring entry ${i + 1}: expected "kid:base64secret" with kid of [A-Za-z0-9._-]`);
    if (seen.has(kid)) throw new Error(`JWT key ring: kid "${kid}" appears twice`);
    seen.add(kid);
    if (!BASE64.test(encoded)) throw new Error(`JWT key "${kid}": secret is not base64`);
    // Node's base64 decoder also reads the base64url alphabet, so either form works.
    const secret = new Uint8Array(Buffer.from(encoded, 'base64'));
    if (secret.length < MIN_SECRET_BYTES) {
      throw new Error(`JWT key "${kid}": secret is ${secret.length} bytes, at least ${MIN_SECRET_BYTES} are required`);
    }
    return { kid, secret };
  });
  const [current, ...previous] = keys as [JwtKey, ...JwtKey[]];
  return { current, previous };
}

export async function signAccessToken(
  ring: KeyRing,
  claims: { tenantId: string; userId: string; role: string; sessionId: string },
  opts: { ttlSeconds?: number; now?: Date } = {},
): Promise<string> {
  const ttl = opts.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError('signAccessToken: ttlSeconds must be a positive integer');
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALG, kid: ring.current.kid, typ: TYP })
    .setIssuer(ISSUER)
    .setAudience(claims.tenantId)
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(randomUUID())
    .sign(await cryptoKey(ring.current, 'sign'));
}

const accessPayload = z.object({
  aud: z.string().min(1), // one audience only: a token naming several tenants is not ours
  sub: z.string().min(1),
  role: z.string().min(1),
  sid: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

// Tokens that verified, per key ring: a client sends the same access token with every request
// for its lifetime, and the HMAC through WebCrypto cost more main-thread time than the rest of
// authentication. Keyed by the whole token (signature included), so only a byte-identical token
// that verified before is a hit; expiry is checked again on every hit, and the session behind
// it is still looked up per request (auth/principal.ts), so revocation stays immediate.
const VERIFIED_MAX = 10_000;
const verifiedTokens = new WeakMap<KeyRing, Map<string, AccessClaims>>();

function remember(ring: KeyRing, token: string, claims: AccessClaims): void {
  let m = verifiedTokens.get(ring);
  if (!m) verifiedTokens.set(ring, (m = new Map()));
  if (m.size >= VERIFIED_MAX) m.delete(m.keys().next().value!);
  m.set(token, claims);
}

/** Verifies signature, header and claims before anything in the token is read. */
export async function verifyAccessToken(
  ring: KeyRing,
  token: string,
  expected: { tenantId: string; now?: Date },
): Promise<AccessClaims> {
  const now = expected.now ?? new Date();
  const known = verifiedTokens.get(ring)?.get(token);
  if (known && known.tenantId === expected.tenantId) {
    // jose's rule: expired once exp <= now - tolerance.
    if (known.expiresAt.getTime() / 1000 <= Math.floor(now.getTime() / 1000) - MAX_CLOCK_SKEW_SECONDS) throw new InvalidTokenError('expired');
    return known;
  }
  const claims = await verifyWithJose(ring, token, expected.tenantId, now);
  remember(ring, token, claims);
  return claims;
}

async function verifyWithJose(ring: KeyRing, token: string, tenantId: string, now: Date): Promise<AccessClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, (header) => keyFor(ring, header), {
      algorithms: [ALG],
      typ: TYP,
      issuer: ISSUER,
      audience: tenantId,
      clockTolerance: MAX_CLOCK_SKEW_SECONDS,
      currentDate: now,
      requiredClaims: ['sub', 'iat', 'exp', 'jti'],
    }));
  } catch (err) {
    throw new InvalidTokenError(err instanceof errors.JWTExpired ? 'expired' : 'invalid', { cause: err });
  }
  const parsed = accessPayload.safeParse(payload);
  if (!parsed.success || parsed.data.aud !== tenantId) throw new InvalidTokenError('invalid');
  const c = parsed.data;
  // jose checks iat only with maxTokenAge; a token from the future means a wrong clock or a forgery.
  if (c.iat > Math.floor(now.getTime() / 1000) + MAX_CLOCK_SKEW_SECONDS) throw new InvalidTokenError('invalid');
  return {
    tenantId: c.aud,
    userId: c.sub,
    role: c.role,
    sessionId: c.sid,
    tokenId: c.jti,
    issuedAt: new Date(c.iat * 1000),
    expiresAt: new Date(c.exp * 1000),
  };
}

// The key comes from our ring by kid, never from anything the token carries.
// Each key is imported into WebCrypto once per use, not on every token (jose imports a raw
// Uint8Array secret again for each call, which cost more than the HMAC itself).
const imported = new WeakMap<JwtKey, { sign?: Promise<CryptoKey>; verify?: Promise<CryptoKey> }>();
function cryptoKey(key: JwtKey, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  let entry = imported.get(key);
  if (!entry) imported.set(key, (entry = {}));
  return (entry[usage] ??= crypto.subtle.importKey('raw', key.secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]));
}

function keyFor(ring: KeyRing, header: JWTHeaderParameters): Promise<CryptoKey> {
  if (KEY_BEARING_HEADERS.some((name) => name in header)) throw new Error('token carries key-bearing header');
  const key = [ring.current, ...ring.previous].find((k) => k.kid === header.kid);
  if (!key) throw new Error('unknown kid');
  return cryptoKey(key, 'verify');
}
