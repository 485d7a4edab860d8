import { completeMfaLogin } from '@/server/auth/mfa';
import { mfaChallengeInput } from '@/server/auth/schema';
import { json, route } from '@/server/http/route';
import { sessionCookies } from '@/server/http/session-cookies';

export const POST = route({ body: mfaChallengeInput }, async ({ tenant, body, meta }) => {
  const r = await completeMfaLogin(tenant, body.mfaToken, body.code, meta);
  return json({ token: r.tokens.accessToken, user: r.user }, { cookies: sessionCookies(r.tokens) });
});
