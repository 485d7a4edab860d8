import { route } from '@/server/http/route';
import { listNotificationsQuery } from '@/server/notifications/schema';
import { myNotifications } from '@/server/notifications/service';

// The caller's in-app notifications, newest first, with the unread count (the bell).
export const GET = route({ auth: 'user', query: listNotificationsQuery }, async ({ tenant, principal, query }) => myNotifications(tenant, principal, query));
