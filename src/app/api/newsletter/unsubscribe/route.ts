import { route } from '@/server/http/route';
import { tokenQuery } from '@/server/newsletter/schema';
import { unsubscribe } from '@/server/newsletter/service';

// RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the signed
// URL of a campaign email's List-Unsubscribe header, without a session. The footer link leads to
// /newsletter/unsubscribe, which asks before it posts here.
export const POST = route({ query: tokenQuery, limit: 'public' }, async ({ tenant, query, meta }) => unsubscribe(tenant, query.token, meta));
