import { listSessions } from '@/server/auth/sessions';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => listSessions(tenant, principal));
