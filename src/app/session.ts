import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { authenticate, type Principal } from '@/server/auth/principal';
import { hasRole } from '@/server/auth/authorize';
import type { Role } from '@/server/db/types';
import { ACCESS_COOKIE } from '@/server/http/cookies';
import { isTemplateRequest, PLACEHOLDER_IDENTITY, TEMPLATE_HEADER } from '@/server/http/identity-template';
import type { TenantContext } from '@/server/tenancy/resolve';
import { currentTenant } from './current-tenant';

// Server components read the same httpOnly access cookie the API does and authenticate it
// against this host's tenant, so a token from another tenant is simply "not signed in".

/** The signed-in user on this tenant, or null (no cookie, expired, revoked, other tenant). */
export async function currentPrincipal(tenant: TenantContext): Promise<Principal | null> {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  if (!token) return null;
  const r = await authenticate(tenant.id, token);
  if (typeof r === 'string') return null;
  // The web server's own request for a page template (src/server/http/identity-template.ts):
  // the same user, named by placeholders it fills in per request.
  if (isTemplateRequest((await headers()).get(TEMPLATE_HEADER))) return { ...r, ...PLACEHOLDER_IDENTITY };
  return r;
}

/** The tenant of this host or the 404 page. */
export async function requireTenant(): Promise<TenantContext> {
  const tenant = await currentTenant();
  if (!tenant) notFound();
  return tenant;
}

/** Tenant and (maybe) user, looked up once per request however many components ask. */
export const optionalSession = cache(async (): Promise<{ tenant: TenantContext; principal: Principal | null }> => {
  const tenant = await requireTenant();
  return { tenant, principal: await currentPrincipal(tenant) };
});

/**
 * For pages that need a signed-in user: otherwise to /login, which first tries a silent
 * refresh (the refresh cookie is only sent to /api/auth) and comes back here.
 */
export async function requireSession(next: string, roles?: readonly Role[]): Promise<{ tenant: TenantContext; principal: Principal }> {
  const { tenant, principal } = await optionalSession();
  if (!principal) redirect(`/login?next=${encodeURIComponent(next)}`);
  // Areas a role cannot use do not exist for it.
  if (roles && !hasRole(principal, roles)) notFound();
  return { tenant, principal };
}
