import { route } from '@/server/http/route';
import { listScreeningHits } from '@/server/screening/hits';
import { hitListQuery } from '@/server/screening/schema';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'], query: hitListQuery }, async ({ tenant, principal, query, meta }) =>
  listScreeningHits(tenant.id, principal, query, meta),
);
