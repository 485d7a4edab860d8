import { json, route } from '@/server/http/route';
import { invitationInput } from '@/server/groups/schema';
import { createInvitation } from '@/server/groups/service';

/** A signed, expiring invitation link to the issuer's group. */
export const POST = route({ feature: 'investmentGroups', roles: ['issuer'], body: invitationInput }, async ({ tenant, principal, body, meta }) => json(await createInvitation(tenant, principal, body, meta), { status: 201 }));
