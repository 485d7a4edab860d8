import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { groupIdParams } from '@/server/groups/schema';
import { leaveGroup } from '@/server/groups/service';

export const POST = route({ feature: 'investmentGroups', auth: 'user' }, async ({ tenant, principal, params, meta }) => leaveGroup(tenant, principal, parseWith(groupIdParams, params).id, meta));
