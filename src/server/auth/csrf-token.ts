import { createHmac } from 'node:crypto';
import type { JwtKey } from './jwt';
import { keyRing } from './keys';
import { safeEqual } from './secret-token';

// The CSRF token of a cookie session is derived from the session, not chosen at random:
// someone who can plant a cookie for the host (a sibling subdomain, plain-HTTP injection)
// can pick a cookie value and echo it, but cannot compute a session's token.
const tokenUnder = (key: JwtKey, sessionId: string) => createHmac('sha256', key.secret).update(`cdp csrf\0${sessionId}`).digest('base64url');

/** The token handed to the browser (cdp_csrf cookie) for this session. */
export function csrfTokenFor(sessionId: string): string {
  return tokenUnder(keyRing().current, sessionId);
}

/** Whether a header value is this session's token, under the current key or one still verifying. */
export function isCsrfTokenOf(sessionId: string, token: string): boolean {
  const ring = keyRing();
  return [ring.current, ...ring.previous].some((key) => safeEqual(tokenUnder(key, sessionId), token));
}
