import { route } from '@/server/http/route';
import { markReadInput } from '@/server/notifications/schema';
import { markRead } from '@/server/notifications/service';

// Marks some of the caller's notifications read; ids of anyone else's are ignored.
export const POST = route({ auth: 'user', body: markReadInput }, async ({ tenant, principal, body }) => markRead(tenant, principal, body));
