import { removeDealFromGroup } from '@/server/deal-content/groups';
import { groupDealParams } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  const { id, dealId } = parseWith(groupDealParams, params);
  await removeDealFromGroup(tenant, principal, id, dealId, meta);
  return json(null, { status: 204 });
});
