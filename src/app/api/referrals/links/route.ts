import { json, route } from '@/server/http/route';
import { createLinkInput } from '@/server/referrals/schema';
import { createReferralLink } from '@/server/referrals/service';

export const POST = route({ auth: 'user', feature: 'referrals', body: createLinkInput }, async ({ tenant, principal, body, meta }) =>
  json(await createReferralLink(tenant, principal, body, meta), { status: 201 }),
);
