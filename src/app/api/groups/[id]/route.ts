import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { groupIdParams } from '@/server/groups/schema';
import { groupDetail } from '@/server/groups/service';

/** One group by id or slug, with the caller's standing; private groups exist only for their members. */
export const GET = route({ feature: 'investmentGroups', auth: 'optional' }, async ({ tenant, principal, params }) => groupDetail(tenant, principal, parseWith(groupIdParams, params).id));
