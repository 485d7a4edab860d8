import { dealItemParams, updatePatch } from '@/server/deal-content/schema';
import { editDealUpdate } from '@/server/deal-content/updates';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const PATCH = route({ auth: 'user', body: updatePatch }, async ({ tenant, principal, params, body, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  return editDealUpdate(tenant, principal, id, itemId, body, meta);
});
