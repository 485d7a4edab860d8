import { registerUser } from '@/server/auth/register';
import { registerInput } from '@/server/auth/schema';
import { readCookie } from '@/server/http/cookies';
import { json, route } from '@/server/http/route';
import { clearedAttributionCookie, REFERRAL_COOKIE } from '@/server/referrals/service';

// A referral cookie is read once, by the registration it came to, and then cleared.
export const POST = route({ body: registerInput }, async ({ req, tenant, body, meta }) => {
  const cookie = readCookie(req, REFERRAL_COOKIE);
  const out = await registerUser(tenant, body, meta, { cookie });
  return json(out, { status: 201, cookies: cookie ? [clearedAttributionCookie()] : [] });
});
