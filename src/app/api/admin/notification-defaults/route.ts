import { route } from '@/server/http/route';
import { preferencesInput } from '@/server/notifications/schema';
import { notificationDefaults, setNotificationDefaults } from '@/server/notifications/service';

// The tenant's default channels per event type, for users who chose nothing (audited).
export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => notificationDefaults(tenant, principal));
export const PUT = route({ roles: ['tenant_admin'], body: preferencesInput }, async ({ tenant, principal, body, meta }) => setNotificationDefaults(tenant, principal, body, meta));
