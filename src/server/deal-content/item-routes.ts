import type { ZodType } from 'zod';
import { json, route } from '../http/route';
import { parseWith } from '../http/validation';
import { addDealItem, changeDealItem, DEAL_ITEMS, listDealItems, removeDealItem, type DealItemKind } from './items';
import { dealItemParams, dealParams } from './schema';

/** GET (deal's visibility) and POST (deal's issuer) for /api/deals/[id]/<items>. */
export function dealItemCollectionRoutes(kind: DealItemKind) {
  return {
    GET: route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealItems(tenant, principal, kind, parseWith(dealParams, params).id)),
    POST: route({ auth: 'user', body: DEAL_ITEMS[kind].input as ZodType<Record<string, unknown>> }, async ({ tenant, principal, params, body, meta }) =>
      json(await addDealItem(tenant, principal, kind, parseWith(dealParams, params).id, body, meta), { status: 201 }),
    ),
  };
}

/** PATCH and DELETE (deal's issuer) for /api/deals/[id]/<items>/[itemId]. */
export function dealItemRoutes(kind: DealItemKind) {
  return {
    PATCH: route({ auth: 'user', body: DEAL_ITEMS[kind].patch as ZodType<Record<string, unknown>> }, async ({ tenant, principal, params, body, meta }) => {
      const { id, itemId } = parseWith(dealItemParams, params);
      return changeDealItem(tenant, principal, kind, id, itemId, body, meta);
    }),
    DELETE: route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => {
      const { id, itemId } = parseWith(dealItemParams, params);
      await removeDealItem(tenant, principal, kind, id, itemId, meta);
      return json(null, { status: 204 });
    }),
  };
}
