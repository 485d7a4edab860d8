import type { IssuedTokens } from '../auth/session-tokens';
import { csrfTokenFor } from '../auth/csrf-token';
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE, REFRESH_COOKIE_PATH, type CookieSpec } from './cookies';

/** Browser sign-in: httpOnly access and refresh cookies plus the session's CSRF token, readable by our script. */
export function sessionCookies(tokens: IssuedTokens): CookieSpec[] {
  return [
    { name: ACCESS_COOKIE, value: tokens.accessToken, maxAgeSeconds: tokens.accessTtlSeconds, httpOnly: true },
    { name: REFRESH_COOKIE, value: tokens.refreshToken, maxAgeSeconds: tokens.refreshTtlSeconds, httpOnly: true, path: REFRESH_COOKIE_PATH },
    { name: CSRF_COOKIE, value: csrfTokenFor(tokens.sessionId), maxAgeSeconds: tokens.refreshTtlSeconds, httpOnly: false },
  ];
}

export function clearedSessionCookies(): CookieSpec[] {
  return [
    { name: ACCESS_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true },
    { name: REFRESH_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true, path: REFRESH_COOKIE_PATH },
    { name: CSRF_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: false },
  ];
}
