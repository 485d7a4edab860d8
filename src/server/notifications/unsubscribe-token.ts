import { createHmac } from 'node:crypto';
import type { JwtKey } from '../auth/jwt';
import { keyRing } from '../auth/keys';
import { safeEqual } from '../auth/secret-token';
import { isNotificationType, type NotificationType } from './catalog';

// The one-click unsubscribe link of a marketing-type email (RFC 8058) carries who and what,
// signed: anyone holding the email can turn that one type off for that one user, nobody can
// forge a link for another user, type or tenant. Signed under the JWT key ring, so rotating
// keys keeps links valid while the previous key still verifies.

export type UnsubscribeClaim = { tenantId: string; userId: string; type: NotificationType };

const mac = (key: JwtKey, payload: string) => createHmac('sha256', key.secret).update(`cdp unsubscribe\0${payload}`).digest('base64url');

export function unsubscribeToken(c: UnsubscribeClaim): string {
  const payload = Buffer.from(`${c.tenantId} ${c.userId} ${c.type}`).toString('base64url');
  return `${payload}.${mac(keyRing().current, payload)}`;
}

/** The claim a token makes, if its signature holds and it belongs to `tenantId`; else null. */
export function readUnsubscribeToken(tenantId: string, token: string): UnsubscribeClaim | null {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const ring = keyRing();
  if (![ring.current, ...ring.previous].some((k) => safeEqual(mac(k, payload), sig))) return null;
  const [t, u, type] = Buffer.from(payload, 'base64url').toString().split(' ');
  if (t !== tenantId || !u || !type || !isNotificationType(type)) return null;
  return { tenantId: t, userId: u, type };
}
