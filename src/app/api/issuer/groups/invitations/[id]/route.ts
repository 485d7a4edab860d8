import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { revokeGroupInvitation } from '@/server/groups/service';

export const DELETE = route({ feature: 'investmentGroups', roles: ['issuer'] }, async ({ tenant, principal, params, meta }) => revokeGroupInvitation(tenant, principal, parseWith(idParams, params).id, meta));
