import { route } from '@/server/http/route';
import { unsubscribeQuery } from '@/server/notifications/schema';
import { unsubscribe } from '@/server/notifications/service';

// RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the
// signed link of a marketing-type email. The link itself (GET) changes nothing: a person who
// opens it lands on the preferences page (link scanners must not unsubscribe anyone).
export const POST = route({ query: unsubscribeQuery, limit: 'public' }, async ({ tenant, query, meta }) => ({ unsubscribed: await unsubscribe(tenant, query.token, meta) }));
export const GET = route({ query: unsubscribeQuery }, async ({ req, query }) =>
  Response.redirect(new URL(`/settings/notifications?unsubscribe=${encodeURIComponent(query.token)}`, req.url), 303),
);
