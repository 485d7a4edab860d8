import { route } from '@/server/http/route';
import { discoverGroups } from '@/server/groups/service';

/** Public investment groups of the tenant (and private ones the caller belongs to). */
export const GET = route({ feature: 'investmentGroups', auth: 'optional' }, async ({ tenant, principal }) => discoverGroups(tenant, principal, false));
