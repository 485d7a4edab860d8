import { route } from '@/server/http/route';
import { discoverGroups } from '@/server/groups/service';

/** The groups the caller is an active member of. */
export const GET = route({ feature: 'investmentGroups', auth: 'user' }, async ({ tenant, principal }) => discoverGroups(tenant, principal, true));
