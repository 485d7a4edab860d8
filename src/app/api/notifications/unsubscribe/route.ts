import { route } from '@/server/http/route';
import { unsubscribeQuery } from '@/server/notifications/schema';
import { unsubscribe } from '@/server/notifications/service';

// RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the
// signed URL in a marketing-type email's List-Unsubscribe header. The link in the mail's text
// leads to the preferences page instead, which asks before it posts here (link scanners that
// follow every URL must not unsubscribe anyone).
export const POST = route({ query: unsubscribeQuery, limit: 'public' }, async ({ tenant, query, meta }) => ({ unsubscribed: await unsubscribe(tenant, query.token, meta) }));
