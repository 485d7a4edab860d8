import { z } from 'zod';
import { changeDealGroup, getDealGroup, removeDealGroup } from '@/server/deal-content/groups';
import { groupParams, groupPatch } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

const idOrSlug = z.object({ id: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/i, 'id must be a group id or slug') });

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => getDealGroup(tenant, principal, parseWith(idOrSlug, params).id));

export const PATCH = route({ roles: ['tenant_admin'], body: groupPatch }, async ({ tenant, principal, params, body, meta }) =>
  changeDealGroup(tenant, principal, parseWith(groupParams, params).id, body, meta),
);

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  await removeDealGroup(tenant, principal, parseWith(groupParams, params).id, meta);
  return json(null, { status: 204 });
});
