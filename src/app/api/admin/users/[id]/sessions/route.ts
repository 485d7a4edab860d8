import { route } from '@/server/http/route';
import { idParams } from '@/server/http/params';
import { parseWith } from '@/server/http/validation';
import { listUserSessions, revokeUserSessions } from '@/server/users/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params }) => listUserSessions(tenant, principal, parseWith(idParams, params).id));

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => revokeUserSessions(tenant, principal, parseWith(idParams, params).id, null, meta));
