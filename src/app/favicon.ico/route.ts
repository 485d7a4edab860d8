import { currentTenant } from '../current-tenant';
import { cachedIconIco } from '@/server/tenancy/favicon';

// /favicon.ico on every host: the tenant's own icon when its branding sets one, else an icon
// drawn in the tenant's primary colour (the platform's colour on hosts without a tenant).
export async function GET(): Promise<Response> {
  const tenant = await currentTenant();
  const own = tenant?.theme.logo.favicon;
  if (own) return new Response(null, { status: 302, headers: { location: own, 'cache-control': 'public, max-age=300' } });
  const ico = cachedIconIco(tenant?.theme.colors.primary ?? '#2563EB');
  return new Response(new Uint8Array(ico), { headers: { 'content-type': 'image/x-icon', 'cache-control': 'public, max-age=3600' } });
}
