import { route } from '@/server/http/route';
import { preferencesInput } from '@/server/notifications/schema';
import { myPreferences, setMyPreferences } from '@/server/notifications/service';

// The caller's choices per event type and channel (locked ones cannot be switched off).
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => myPreferences(tenant, principal));
export const PUT = route({ auth: 'user', body: preferencesInput }, async ({ tenant, principal, body }) => setMyPreferences(tenant, principal, body));
