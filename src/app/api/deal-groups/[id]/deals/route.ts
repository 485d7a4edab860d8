import { addDealToGroup } from '@/server/deal-content/groups';
import { groupDealInput, groupParams } from '@/server/deal-content/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'], body: groupDealInput }, async ({ tenant, principal, params, body, meta }) =>
  addDealToGroup(tenant, principal, parseWith(groupParams, params).id, body, meta),
);
