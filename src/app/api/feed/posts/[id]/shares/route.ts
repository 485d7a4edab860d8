import { sharePost } from '@/server/feed/service';
import { idParams, shareInput } from '@/server/feed/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ auth: 'user', feature: 'socialFeatures', body: shareInput }, async ({ tenant, principal, params, body }) =>
  json(await sharePost(tenant, principal, parseWith(idParams, params).id, body), { status: 201 }),
);
