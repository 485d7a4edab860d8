import { route } from '@/server/http/route';
import { issuerGroupDashboard } from '@/server/groups/service';

/** Applications waiting, and demand and money per group deal. */
export const GET = route({ feature: 'investmentGroups', roles: ['issuer'] }, async ({ tenant, principal }) => issuerGroupDashboard(tenant, principal));
