import { route } from '@/server/http/route';
import { markRead } from '@/server/notifications/service';

// Marks every one of the caller's notifications read.
export const POST = route({ auth: 'user' }, async ({ tenant, principal }) => markRead(tenant, principal, null));
