import type { IssuedTokens } from '../auth/session-tokens';
import { randomToken } from '../auth/secret-token';
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE, REFRESH_COOKIE_PATH, type CookieSpec } from './cookies';

/** Browser sign-in: httpOnly access and refresh cookies plus a fresh CSRF cookie. */
export function sessionCookies(tokens: IssuedTokens): CookieSpec[] {
  return [
    { name: ACCESS_COOKIE, value: tokens.accessToken, maxAgeSeconds: tokens.accessTtlSeconds, httpOnly: true },
    { name: REFRESH_COOKIE, value: tokens.refreshToken, maxAgeSeconds: tokens.refreshTtlSeconds, httpOnly: true, path: REFRESH_COOKIE_PATH },
    { name: CSRF_COOKIE, value: randomToken(24), maxAgeSeconds: tokens.refreshTtlSeconds, httpOnly: false },
  ];
}

export function clearedSessionCookies(): CookieSpec[] {
  return [
    { name: ACCESS_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true },
    { name: REFRESH_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true, path: REFRESH_COOKIE_PATH },
    { name: CSRF_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: false },
  ];
}
