import { login } from '@/server/auth/login';
import { loginInput } from '@/server/auth/schema';
import { json, route } from '@/server/http/route';
import { sessionCookies } from '@/server/http/session-cookies';

export const POST = route({ body: loginInput }, async ({ tenant, body, meta }) => {
  const r = await login(tenant, body, meta);
  if (r.kind === 'mfa_required') return { mfaRequired: true, mfaToken: r.mfaToken, expiresIn: r.expiresInSeconds };
  return json({ token: r.tokens.accessToken, user: r.user }, { cookies: sessionCookies(r.tokens) });
});
