import { json } from '@/server/http/route';
import { consoleRoute, consoleSessionCookies } from '@/server/platform/console/http';
import { consoleCodeInput } from '@/server/platform/console/schema';
import { consoleVerifyCode } from '@/server/platform/console/sign-in';

export const POST = consoleRoute({ auth: 'public', body: consoleCodeInput }, async ({ body, meta }) => {
  const r = await consoleVerifyCode(body, meta);
  return json({ admin: r.admin }, { cookies: consoleSessionCookies(r.sessionToken, r.sessionId, r.maxAgeSeconds) });
});
