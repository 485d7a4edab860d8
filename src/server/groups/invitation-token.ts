import { createHmac } from 'node:crypto';
import type { JwtKey } from '../auth/jwt';
import { keyRing } from '../auth/keys';
import { safeEqual } from '../auth/secret-token';

// A private group's invitation link carries `<payload>.<mac>`: the payload names the tenant,
// the group, the invitation row and its expiry; the MAC (HMAC-SHA256 under the platform's
// signing keys, bound to this purpose) makes it unforgeable. The row (group_invitations) lets the
// issuer revoke a link before it expires. A link of one tenant is worthless on another.

type InvitationClaims = { tenantId: string; groupId: string; invitationId: string; expiresAt: Date };

const macUnder = (key: JwtKey, payload: string) => createHmac('sha256', key.secret).update(`cdp group invitation\0${payload}`).digest('base64url');

export function signInvitation(c: InvitationClaims): string {
  const payload = Buffer.from(JSON.stringify({ t: c.tenantId, g: c.groupId, i: c.invitationId, e: Math.floor(c.expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${macUnder(keyRing().current, payload)}`;
}

/** The claims of a genuine token for this tenant, or why not: tokens that fail say nothing more. */
export function verifyInvitation(token: string, tenantId: string, now = new Date()): InvitationClaims | 'invalid' | 'expired' {
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return 'invalid';
  const ring = keyRing();
  if (![ring.current, ...ring.previous].some((k) => safeEqual(macUnder(k, payload), mac))) return 'invalid';
  let c: { t?: unknown; g?: unknown; i?: unknown; e?: unknown };
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'invalid';
  }
  if (typeof c.t !== 'string' || typeof c.g !== 'string' || typeof c.i !== 'string' || typeof c.e !== 'number') return 'invalid';
  if (c.t !== tenantId) return 'invalid';
  const expiresAt = new Date(c.e * 1000);
  if (expiresAt <= now) return 'expired';
  return { tenantId: c.t, groupId: c.g, invitationId: c.i, expiresAt };
}
