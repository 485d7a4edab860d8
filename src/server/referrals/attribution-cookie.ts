import { createHmac } from 'node:crypto';
import type { JwtKey } from '../auth/jwt';
import { keyRing } from '../auth/keys';
import { safeEqual } from '../auth/secret-token';
import type { CookieSpec } from '../http/cookies';

// The first-touch cookie: `<payload>.<mac>` naming the tenant, the click and when it happened,
// HMAC-SHA256 under the platform's signing keys bound to this purpose. HttpOnly, SameSite=Lax,
// living as long as the tenant's attribution window. Registration trusts only a genuine cookie
// of its own tenant, and the window is judged again from the click row.

export const REFERRAL_COOKIE = 'cdp_ref';

export type AttributionClaims = { tenantId: string; clickId: string; clickedAt: Date };

const macUnder = (key: JwtKey, payload: string) => createHmac('sha256', key.secret).update(`cdp referral attribution\0${payload}`).digest('base64url');

export function signAttribution(c: AttributionClaims): string {
  const payload = Buffer.from(JSON.stringify({ t: c.tenantId, c: c.clickId, at: c.clickedAt.getTime() })).toString('base64url');
  return `${payload}.${macUnder(keyRing().current, payload)}`;
}

/** The claims of a genuine cookie of this tenant, or null (forged, foreign, malformed). */
export function verifyAttribution(value: string | null, tenantId: string): AttributionClaims | null {
  if (!value) return null;
  const [payload, mac, extra] = value.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const ring = keyRing();
  if (![ring.current, ...ring.previous].some((k) => safeEqual(macUnder(k, payload), mac))) return null;
  let c: { t?: unknown; c?: unknown; at?: unknown };
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (c.t !== tenantId || typeof c.c !== 'string' || typeof c.at !== 'number') return null;
  return { tenantId: c.t, clickId: c.c, clickedAt: new Date(c.at) };
}

export const attributionCookie = (value: string, windowDays: number): CookieSpec => ({ name: REFERRAL_COOKIE, value, maxAgeSeconds: windowDays * 86_400, httpOnly: true });
export const clearedAttributionCookie = (): CookieSpec => ({ name: REFERRAL_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true });

/** Whether a click at `clickedAt` is still inside a window of `days` at `now` (the last instant included). */
export const insideWindow = (clickedAt: Date, days: number, now: Date) => now.getTime() - clickedAt.getTime() <= days * 86_400_000;
