import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { removeMemberInput } from '@/server/groups/schema';
import { removeMember } from '@/server/groups/service';

/** Remove a member (the reason is audited and sent to them). */
export const DELETE = route({ feature: 'investmentGroups', roles: ['issuer'], body: removeMemberInput }, async ({ tenant, principal, params, body, meta }) =>
  removeMember(tenant, principal, parseWith(idParams, params).id, body.reason, meta),
);
