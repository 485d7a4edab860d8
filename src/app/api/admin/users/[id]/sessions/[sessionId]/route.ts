import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { userSessionParams } from '@/server/users/schema';
import { revokeUserSessions } from '@/server/users/service';

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  const { id, sessionId } = parseWith(userSessionParams, params);
  return revokeUserSessions(tenant, principal, id, sessionId, meta);
});
