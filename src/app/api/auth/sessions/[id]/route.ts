import { revokeOwnSession } from '@/server/auth/sessions';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) =>
  revokeOwnSession(tenant, principal, parseWith(idParams, params).id, meta),
);
