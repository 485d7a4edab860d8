import { headers } from 'next/headers';
import { getConfig } from '@/server/config';
import { resolveTenant, type TenantContext } from '@/server/tenancy/resolve';

/** The tenant of the page being rendered, from the Host header (cached per host). */
export async function currentTenant(): Promise<TenantContext | null> {
  const h = await headers();
  const config = getConfig();
  const host = (config.TRUST_PROXY && h.get('x-forwarded-host')) || h.get('host');
  return resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
}
