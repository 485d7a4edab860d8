import { route } from '@/server/http/route';
import { idParams } from '@/server/http/params';
import { parseWith } from '@/server/http/validation';
import { userStatusInput } from '@/server/users/schema';
import { changeUserStatus } from '@/server/users/service';

export const POST = route({ roles: ['tenant_admin'], body: userStatusInput }, async ({ tenant, principal, body, params, meta }) =>
  changeUserStatus(tenant, principal, parseWith(idParams, params).id, body, meta),
);
