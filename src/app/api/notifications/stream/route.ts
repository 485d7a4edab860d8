import { route } from '@/server/http/route';
import { notificationStream } from '@/server/notifications/live-stream';

// Server-Sent Events: the unread count and newest notifications, pushed as they are written.
export const dynamic = 'force-dynamic';
export const GET = route({ auth: 'user' }, async ({ req, tenant, principal }) => notificationStream(tenant.id, principal.userId, req.signal));
