import { route } from '@/server/http/route';
import { myLanguage, setMyLanguage } from '@/server/notifications/language';
import { languageInput } from '@/server/notifications/schema';

// The language the caller's emails are written in (null: the tenant's default).
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => myLanguage(tenant, principal));
export const PUT = route({ auth: 'user', body: languageInput }, async ({ tenant, principal, body }) => setMyLanguage(tenant, principal, body));
