import { reportPost } from '@/server/feed/service';
import { idParams, reportInput } from '@/server/feed/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ auth: 'user', feature: 'socialFeatures', body: reportInput }, async ({ tenant, principal, params, body, meta }) => {
  const r = await reportPost(tenant, principal, parseWith(idParams, params).id, body, meta);
  return json(r, { status: r.alreadyReported ? 200 : 201 });
});
