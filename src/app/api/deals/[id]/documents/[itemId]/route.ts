import { changeDealDocument } from '@/server/deal-content/deal-documents';
import { dealItemParams, documentPatch } from '@/server/deal-content/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const PATCH = route({ auth: 'user', body: documentPatch }, async ({ tenant, principal, params, body, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  return changeDealDocument(tenant, principal, id, itemId, body, meta);
});

/** Archives: investors stop seeing it, its versions and access log are kept. */
export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => {
  const { id, itemId } = parseWith(dealItemParams, params);
  return changeDealDocument(tenant, principal, id, itemId, { archived: true }, meta);
});
