import { deleteDealComment } from '@/server/deal-content/comments';
import { dealItemParams } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  await deleteDealComment(tenant, principal, id, itemId, meta);
  return json(null, { status: 204 });
});
