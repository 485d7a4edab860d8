import { issuerDeals } from '@/server/deals/browse';
import { createDeal } from '@/server/deals/manage-deal';
import { createDealInput, listDealsQuery } from '@/server/deals/schema';
import { json, route } from '@/server/http/route';

export const GET = route({ roles: ['issuer'], query: listDealsQuery }, async ({ tenant, principal, query }) => issuerDeals(tenant, principal, query));
export const POST = route({ roles: ['issuer'], body: createDealInput }, async ({ tenant, principal, body, meta }) =>
  json(await createDeal(tenant, principal, body, meta), { status: 201 }),
);
