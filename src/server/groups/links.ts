import type { TenantContext } from '../tenancy/resolve';

/** A link into the tenant's own site for messages: absolute on its domain, else the path. */
export const tenantLink = (tenant: Pick<TenantContext, 'domain'>, path: string) => (tenant.domain ? `https://${tenant.domain}${path}` : path);
