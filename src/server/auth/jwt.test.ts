import { describe, expect, it } from 'vitest';
import { SignJWT, type JWTPayload, type JWTHeaderParameters } from 'jose';
import { InvalidTokenError, parseKeyRing, signAccessToken, verifyAccessToken, type KeyRing } from './jwt';

const b64 = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill).toString('base64');
const OLD = { kid: 'k2024', secret: new Uint8Array(Buffer.alloc(32, 1)) };
const NEW = { kid: 'k2025', secret: new Uint8Array(Buffer.alloc(32, 2)) };
const ring: KeyRing = { current: NEW, previous: [OLD] };
const TENANT_A = '0193a1c2-0000-7000-8000-00000000000a';
const TENANT_B = '0193a1c2-0000-7000-8000-00000000000b';
const claims = { tenantId: TENANT_A, userId: 'user-1', role: 'investor', sessionId: 'sess-1' };
const NOW = new Date('2025-06-01T12:00:00Z');
const nowSec = NOW.getTime() / 1000;

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof InvalidTokenError) return err.reason;
    throw err;
  }
  return 'accepted';
}

// A token that is valid in every way except what `header`/`payload` override.
function craft(header: Partial<JWTHeaderParameters>, payload: JWTPayload = {}, secret = NEW.secret) {
  const base = { iss: 'community-deals', aud: TENANT_A, sub: 'user-1', role: 'investor', sid: 'sess-1', jti: 'j-1', iat: nowSec, exp: nowSec + 900 };
  return new SignJWT({ ...base, ...payload })
    .setProtectedHeader({ alg: 'HS256', kid: NEW.kid, typ: 'at+jwt', ...header })
    .sign(secret);
}
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('parseKeyRing', () => {
  it('takes the first key as current and the rest as previous', () => {
    const parsed = parseKeyRing(`a:${b64(1)}, b:${b64(2, 48)},c:${Buffer.alloc(32, 3).toString('base64url')}`);
    expect(parsed.current.kid).toBe('a');
    expect(Buffer.from(parsed.current.secret)).toEqual(Buffer.alloc(32, 1));
    expect(parsed.previous.map((k) => [k.kid, k.secret.length])).toEqual([['b', 48], ['c', 32]]);
  });

  it('throws a clear error for short secrets, bad entries, duplicates and an empty spec', () => {
    expect(() => parseKeyRing(`a:${b64(1, 31)}`)).toThrow(/"a".*31 bytes.*at least 32/);
    expect(() => parseKeyRing(b64(1))).toThrow(/kid:base64secret/);
    expect(() => parseKeyRing(`a:${b64(1)},a:${b64(2)}`)).toThrow(/appears twice/);
    expect(() => parseKeyRing(`a:not base64!`)).toThrow(/not base64/);
    expect(() => parseKeyRing(' , ')).toThrow(/empty/);
  });
});

describe('signAccessToken / verifyAccessToken', () => {
  it('round-trips the claims, with the documented header and registered claims', async () => {
    const token = await signAccessToken(ring, claims, { now: NOW });
    const [h, p] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(h).toEqual({ alg: 'HS256', kid: 'k2025', typ: 'at+jwt' });
    expect(p).toMatchObject({ iss: 'community-deals', aud: TENANT_A, sub: 'user-1', role: 'investor', sid: 'sess-1', iat: nowSec, exp: nowSec + 900 });
    expect(p.jti).toMatch(/^[0-9a-f-]{36}$/);

    const verified = await verifyAccessToken(ring, token, { tenantId: TENANT_A, now: NOW });
    expect(verified).toEqual({
      tenantId: TENANT_A,
      userId: 'user-1',
      role: 'investor',
      sessionId: 'sess-1',
      tokenId: p.jti,
      issuedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 900_000),
    });
  });

  it('rejects alg "none" (unsigned token crafted by hand)', async () => {
    const payload = { iss: 'community-deals', aud: TENANT_A, sub: 'user-1', role: 'admin', sid: 's', jti: 'j', iat: nowSec, exp: nowSec + 900 };
    const unsigned = `${b64url({ alg: 'none', kid: NEW.kid, typ: 'at+jwt' })}.${b64url(payload)}.`;
    expect(await reason(verifyAccessToken(ring, unsigned, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });

  it('rejects a token signed with another secret under a known kid', async () => {
    const forged = await craft({}, {}, new Uint8Array(Buffer.alloc(32, 9)));
    expect(await reason(verifyAccessToken(ring, forged, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });

  it("rejects tenant A's token at tenant B", async () => {
    const token = await signAccessToken(ring, claims, { now: NOW });
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_B, now: NOW }))).toBe('invalid');
  });

  it('rejects an expired token, allowing at most 30 s of clock skew', async () => {
    const token = await signAccessToken(ring, claims, { now: NOW, ttlSeconds: 60 });
    const after = (s: number) => new Date(NOW.getTime() + s * 1000);
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: after(89) }))).toBe('accepted');
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: after(91) }))).toBe('expired');
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: after(3600) }))).toBe('expired');
  });

  it('expires after 15 minutes by default', async () => {
    const token = await signAccessToken(ring, claims, { now: NOW });
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: new Date(NOW.getTime() + 931_000) }))).toBe('expired');
  });

  it('keeps verifying tokens signed with a previous key after rotation; refuses an unknown or missing kid', async () => {
    const beforeRotation = await signAccessToken({ current: OLD, previous: [] }, claims, { now: NOW });
    expect((await verifyAccessToken(ring, beforeRotation, { tenantId: TENANT_A, now: NOW })).userId).toBe('user-1');
    // Once the old key leaves the ring, its tokens stop working.
    expect(await reason(verifyAccessToken({ current: NEW, previous: [] }, beforeRotation, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    expect(await reason(verifyAccessToken(ring, await craft({ kid: 'k1999' }), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    expect(await reason(verifyAccessToken(ring, await craft({ kid: undefined }), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });

  it('rejects key-bearing headers even when the signature is good', async () => {
    expect(await reason(verifyAccessToken(ring, await craft({}), { tenantId: TENANT_A, now: NOW }))).toBe('accepted');
    for (const header of [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { jwk: { kty: 'oct', k: Buffer.from(NEW.secret).toString('base64url') } },
      { x5c: ['MIIB'] },
    ]) {
      expect(await reason(verifyAccessToken(ring, await craft(header), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    }
  });

  it('rejects other algorithms, other token types and other issuers', async () => {
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512', kid: NEW.kid, typ: 'at+jwt' }).sign(new Uint8Array(64).fill(2));
    expect(await reason(verifyAccessToken(ring, hs512, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    for (const typ of ['JWT', 'refresh+jwt']) {
      expect(await reason(verifyAccessToken(ring, await craft({ typ }), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    }
    expect(await reason(verifyAccessToken(ring, await craft({ typ: undefined }), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    expect(await reason(verifyAccessToken(ring, await craft({}, { iss: 'someone-else' }), { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });

  it('rejects tokens missing a claim, naming several audiences, or issued in the future', async () => {
    for (const missing of ['role', 'sid', 'jti'] as const) {
      const token = await craft({}, { [missing]: undefined });
      expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    }
    const multi = await craft({}, { aud: [TENANT_A, TENANT_B] });
    expect(await reason(verifyAccessToken(ring, multi, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    const future = await craft({}, { iat: nowSec + 120, exp: nowSec + 1000 });
    expect(await reason(verifyAccessToken(ring, future, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });

  it('rejects garbage', async () => {
    for (const token of ['', 'a.b.c', 'not a token']) {
      expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    }
  });
});

describe('verified-token cache', () => {
  it('still refuses a token it verified once it has expired, for another tenant, and with another signature', async () => {
    const token = await signAccessToken(ring, claims, { now: NOW, ttlSeconds: 60 });
    expect((await verifyAccessToken(ring, token, { tenantId: TENANT_A, now: NOW })).userId).toBe('user-1');
    // Cached now: the same answer within its lifetime (and the clock tolerance) ...
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: new Date(NOW.getTime() + 80_000) }))).toBe('accepted');
    // ... expired after it, exactly as jose decides (exp <= now - 30 s).
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_A, now: new Date(NOW.getTime() + 90_000) }))).toBe('expired');
    expect(await reason(verifyAccessToken(ring, token, { tenantId: TENANT_B, now: NOW }))).toBe('invalid');
    const [h, p, sig] = token.split('.');
    const flipped = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(await reason(verifyAccessToken(ring, flipped, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
    // A ring without the signing key verifies nothing, whatever another ring has cached.
    expect(await reason(verifyAccessToken({ current: OLD, previous: [] }, token, { tenantId: TENANT_A, now: NOW }))).toBe('invalid');
  });
});
