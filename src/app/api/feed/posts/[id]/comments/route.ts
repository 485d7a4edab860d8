import { commentOnPost } from '@/server/feed/service';
import { commentInput, idParams } from '@/server/feed/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ auth: 'user', feature: 'socialFeatures', body: commentInput }, async ({ tenant, principal, params, body }) =>
  json(await commentOnPost(tenant, principal, parseWith(idParams, params).id, body), { status: 201 }),
);
