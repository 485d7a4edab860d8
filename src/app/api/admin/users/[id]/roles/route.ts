import { route } from '@/server/http/route';
import { idParams } from '@/server/http/params';
import { parseWith } from '@/server/http/validation';
import { roleChangeInput } from '@/server/users/schema';
import { changeUserRole } from '@/server/users/service';

export const POST = route({ roles: ['tenant_admin'], body: roleChangeInput }, async ({ tenant, principal, body, params, meta }) =>
  changeUserRole(tenant, principal, parseWith(idParams, params).id, body, meta),
);
