import { route } from '@/server/http/route';
import { tenantStatsQuery } from '@/server/reporting/schema';
import { tenantStats } from '@/server/reporting/tenant-stats';

export const GET = route({ roles: ['tenant_admin'], query: tenantStatsQuery }, async ({ tenant, principal, query }) => tenantStats(tenant, principal, query));
