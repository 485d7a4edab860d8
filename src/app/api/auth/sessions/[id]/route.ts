import { z } from 'zod';
import { revokeOwnSession } from '@/server/auth/sessions';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

const params = z.object({ id: z.uuid({ error: 'id must be a session id' }) });

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params: raw, meta }) =>
  revokeOwnSession(tenant, principal, parseWith(params, raw).id, meta),
);
