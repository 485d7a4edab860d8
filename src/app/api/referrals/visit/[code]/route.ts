import { readCookie, serializeCookie } from '@/server/http/cookies';
import { parseWith } from '@/server/http/validation';
import { route } from '@/server/http/route';
import { codeParams } from '@/server/referrals/schema';
import { followReferralLink, REFERRAL_COOKIE } from '@/server/referrals/service';

// A followed referral link (also served at /r/{code}): the click is recorded and the browser goes
// to the link's landing path on this host (302), with the first-touch cookie when it starts one.
export const GET = route({ auth: 'optional', feature: 'referrals' }, async ({ req, tenant, principal, params, meta, config }) => {
  const { code } = parseWith(codeParams, params);
  const out = await followReferralLink(tenant, principal, code, readCookie(req, REFERRAL_COOKIE), meta);
  const headers = new Headers({ location: out.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-request-id': meta.requestId ?? '' });
  if (out.cookie) headers.append('set-cookie', serializeCookie(out.cookie, config.APP_ENV === 'production'));
  return new Response(null, { status: 302, headers });
});
