import { refreshSession } from '@/server/auth/refresh';
import { refreshInput } from '@/server/auth/schema';
import { Unauthorized } from '@/server/errors';
import { readCookie, REFRESH_COOKIE } from '@/server/http/cookies';
import { json, route } from '@/server/http/route';
import { sessionCookies } from '@/server/http/session-cookies';

// The refresh token comes from its httpOnly cookie (browsers) or the body (API clients).
export const POST = route({ body: refreshInput }, async ({ req, tenant, body, meta }) => {
  const token = body?.refreshToken ?? readCookie(req, REFRESH_COOKIE);
  if (!token) throw new Unauthorized('No refresh token was sent', 'invalid_refresh_token');
  const tokens = await refreshSession(tenant, token, meta);
  return json({ token: tokens.accessToken, refreshToken: tokens.refreshToken, expiresIn: tokens.accessTtlSeconds }, { cookies: sessionCookies(tokens) });
});
