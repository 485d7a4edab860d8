import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { groupIdParams } from '@/server/groups/schema';
import { memberDashboard } from '@/server/groups/service';

/** The member area: the group's deals, updates, member count and the caller's commitments. */
export const GET = route({ feature: 'investmentGroups', auth: 'user' }, async ({ tenant, principal, params }) => memberDashboard(tenant, principal, parseWith(groupIdParams, params).id));
