import { route } from '@/server/http/route';
import { applicationsQuery } from '@/server/groups/schema';
import { groupApplications } from '@/server/groups/service';

export const GET = route({ feature: 'investmentGroups', roles: ['issuer'], query: applicationsQuery }, async ({ tenant, principal, query }) => groupApplications(tenant, principal, query.status));
