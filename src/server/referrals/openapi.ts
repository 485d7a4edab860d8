import { z } from 'zod';
import { codeParams, createLinkInput, referralSettingsInput } from './schema';

// The referrals routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`; the
// response bodies are generated from the handlers' return types (responses.generated.ts).
const GATE = 'referrals are off for this tenant (feature `referrals`): code `feature_disabled`';

export const referralOps = [
  {
    tag: 'referrals',
    method: 'get',
    path: '/api/referrals',
    summary: 'The caller’s referral dashboard: links with clicks, sign-ups and conversions, reward totals per currency (pending, earned, clawed back), refused sign-ups by reason, and the reward history',
    auth: 'user',
    forbidden: GATE,
  },
  {
    tag: 'referrals',
    method: 'post',
    path: '/api/referrals/links',
    summary: 'Create a referral link: a campaign name, a landing path on this platform (no other site: an open redirect is refused with 400) and an optional code; audited',
    auth: 'user',
    body: createLinkInput,
    status: 201,
    forbidden: GATE,
    conflict: 'the chosen code is taken on this platform: code `referral_code_taken`',
  },
  {
    tag: 'referrals',
    method: 'get',
    path: '/api/referrals/visit/{code}',
    summary:
      'Follow a referral link (members share it as /r/{code}): the click is recorded with a device hash (no IP address is stored), a signed HttpOnly first-touch cookie is set for the tenant’s attribution window unless an earlier click’s cookie is still valid or the referrer follows their own link, and the answer is a 302 to the link’s landing path on this host. Unknown code: 404 `referral_link_not_found`',
    params: codeParams,
    forbidden: GATE,
  },
  { tag: 'referrals', method: 'get', path: '/api/admin/referrals', summary: 'The referral rule and window, reward totals, top referrers and the latest 200 rewards and clawbacks', auth: ['tenant_admin'], forbidden: GATE },
  {
    tag: 'referrals',
    method: 'put',
    path: '/api/admin/referrals/settings',
    summary: 'Set the attribution window (days) and the reward rule: none, a fixed amount in the deal currency’s smallest unit, or basis points of the investment, with an optional cap, for the first or every confirmed investment; audited with before and after',
    auth: ['tenant_admin'],
    body: referralSettingsInput,
    forbidden: GATE,
  },
  { tag: 'referrals', method: 'get', path: '/api/admin/referrals/transactions.csv', summary: 'Every referral reward and clawback as CSV (amounts unsigned, the kind beside them); audited', auth: ['tenant_admin'], forbidden: GATE },
  {
    tag: 'referrals',
    method: 'post',
    path: '/api/admin/referrals/rewards/{id}/approve',
    summary: 'Approve a pending referral reward for payout (pending -> earned); audited',
    auth: ['tenant_admin'],
    params: z.object({ id: z.string().uuid() }),
    forbidden: GATE,
    conflict: 'the reward is not pending (earned already or clawed back): code `referral_reward_not_pending`',
  },
] as const;
