import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'optional', query: listDealsQuery.omit({ featured: true }) }, async ({ tenant, principal, query }) =>
  browseDeals(tenant, principal, { ...query, featured: true }),
);
