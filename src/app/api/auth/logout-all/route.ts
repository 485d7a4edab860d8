import { logoutAll } from '@/server/auth/sessions';
import { json, route } from '@/server/http/route';
import { clearedSessionCookies } from '@/server/http/session-cookies';

export const POST = route({ auth: 'user' }, async ({ tenant, principal, meta }) =>
  json(await logoutAll(tenant, principal, meta), { cookies: clearedSessionCookies() }),
);
