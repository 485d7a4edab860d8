import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { applyInput, groupIdParams } from '@/server/groups/schema';
import { applyToGroup } from '@/server/groups/service';

/** Apply to a public group with answers to its questions. */
export const POST = route({ feature: 'investmentGroups', auth: 'user', body: applyInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await applyToGroup(tenant, principal, parseWith(groupIdParams, params).id, body, meta), { status: 201 }),
);
