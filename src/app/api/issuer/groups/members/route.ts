import { route } from '@/server/http/route';
import { groupMembers } from '@/server/groups/service';

export const GET = route({ feature: 'investmentGroups', roles: ['issuer'] }, async ({ tenant, principal }) => groupMembers(tenant, principal));
