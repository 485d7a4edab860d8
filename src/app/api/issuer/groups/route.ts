import { json, route } from '@/server/http/route';
import { createGroupInput, updateGroupInput } from '@/server/groups/schema';
import { createGroup, editGroup, ownGroup } from '@/server/groups/service';

/** The caller's issuer's group (null before it exists) and its invitation links. */
export const GET = route({ feature: 'investmentGroups', roles: ['issuer'] }, async ({ tenant, principal }) => ownGroup(tenant, principal));

/** Create the issuer's group (one per issuer). */
export const POST = route({ feature: 'investmentGroups', roles: ['issuer'], body: createGroupInput }, async ({ tenant, principal, body, meta }) => json(await createGroup(tenant, principal, body, meta), { status: 201 }));

export const PATCH = route({ feature: 'investmentGroups', roles: ['issuer'], body: updateGroupInput }, async ({ tenant, principal, body, meta }) => editGroup(tenant, principal, body, meta));
