import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { revokeInvitation } from '@/server/brokers/service';

export const DELETE = route({ roles: ['broker'] }, async ({ tenant, principal, params, meta }) => revokeInvitation(tenant, principal, parseWith(idParams, params).id, meta));
