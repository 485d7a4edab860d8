import { route } from '@/server/http/route';
import { acceptInvitationInput } from '@/server/groups/schema';
import { acceptInvitation } from '@/server/groups/service';

/** Join a (private) group with its invitation link's token. */
export const POST = route({ feature: 'investmentGroups', auth: 'user', body: acceptInvitationInput }, async ({ tenant, principal, body, meta }) => acceptInvitation(tenant, principal, body, meta));
