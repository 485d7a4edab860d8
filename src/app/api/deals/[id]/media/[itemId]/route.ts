import { changeDealMedia, removeDealMedia } from '@/server/deal-content/media';
import { dealItemParams, mediaPatch } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const PATCH = route({ auth: 'user', body: mediaPatch }, async ({ tenant, principal, params, body, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  return changeDealMedia(tenant, principal, id, itemId, body, meta);
});

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  await removeDealMedia(tenant, principal, id, itemId, meta);
  return json(null, { status: 204 });
});
