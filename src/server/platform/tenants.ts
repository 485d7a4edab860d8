import { z } from 'zod';
import { hashPassword } from '../auth/password';
import { refuseWeakPassword } from '../auth/password-policy';
import { insertUser, grantRole } from '../auth/repo';
import { withPlatform, type PlatformActor } from '../db/platform';
import { withPlatformRead, withTenant } from '../db/tenant';
import type { Role } from '../db/types';
import { Conflict, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { tenantLimitsSchema } from '../ratelimit/policy';
import { tenantFeaturesSchema } from '../tenancy/features';
import { consoleHost, invalidateTenantCache, isPlatformHost } from '../tenancy/resolve';
import { getConfig } from '../config';
import { themeSettingsSchema } from '../tenancy/theme';
import { isKnownChain } from '../chain/chains';
import { requestTenantContracts } from '../chain/tenant-contracts/service';
import { findTenantBySlug, insertAlias, insertTenant, setTenantStatus, tenantSlugTaken } from './repo';

export const createTenantInput = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'slug must be lower-case letters, digits and dashes'),
  domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domain must be a host name').nullable().default(null),
  aliases: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/)).max(20).default([]),
  theme: themeSettingsSchema.partial().default({}),
  features: tenantFeaturesSchema.partial().default({}),
  // A malformed budget would silently fall back to the defaults at request time: refuse it here.
  settings: z.object({ rateLimits: tenantLimitsSchema.optional() }).catchall(z.unknown()).default({}),
  kycProvider: z.enum(['manual', 'sumsub', 'shuftipro']).default('manual'),
  // Chains the tenant's deals may settle on; each gets the tenant's own contracts (blockchain_settings.chains).
  // Default: the platform's chain (NEXT_PUBLIC_CHAIN_ID). Must be in the chain registry.
  chains: z.array(z.number().int().positive().refine(isKnownChain, 'chain is not in the registry (src/server/chain/chains.ts)')).max(10).optional(),
  admin: z.object({ email: z.email(), password: z.string(), firstName: z.string().min(1), lastName: z.string().min(1) }),
});
export type CreateTenantInput = z.input<typeof createTenantInput>;

/** Names under the platform's own domain belong to slugs; a tenant cannot claim one as its domain. */
function refusePlatformHostNames(slug: string, domain: string | null, aliases: string[]): void {
  const base = getConfig().PLATFORM_BASE_DOMAIN;
  const console = consoleHost();
  const taken = [
    ...(`${slug}.${base}` === console ? [{ field: 'slug', message: `${slug}.${base} is the operator console's host; choose another slug` }] : []),
    ...(domain && isPlatformHost(domain, base) ? [{ field: 'domain', message: `${domain} is under the platform's domain ${base}; tenants answer there by slug only` }] : []),
    ...aliases.flatMap((a, i) => (isPlatformHost(a, base) ? [{ field: `aliases.${i}`, message: `${a} is under the platform's domain ${base}; tenants answer there by slug only` }] : [])),
  ];
  if (taken.length) throw new ValidationError(taken);
}

/** Provisioning (platform path, audited): the tenant, its aliases and its first admin. */
export async function createTenant(actor: PlatformActor, raw: CreateTenantInput): Promise<{ id: string; adminId: string }> {
  const input = createTenantInput.parse(raw);
  refuseWeakPassword(input.admin.password, input.admin, 'admin.password');
  refusePlatformHostNames(input.slug, input.domain, input.aliases);
  const id = uuidv7();
  await withPlatform(actor, { action: 'tenant.create', targetTenantId: id, target: input.slug }, async (tx) => {
    if (await tenantSlugTaken(tx, input.slug, input.domain)) throw new Conflict('tenant_exists', `A tenant with slug "${input.slug}" or that domain exists`);
    const chains = [...new Set(input.chains ?? [getConfig().NEXT_PUBLIC_CHAIN_ID])];
    await insertTenant(tx, { id, name: input.name, slug: input.slug, domain: input.domain, settings: input.settings, features: input.features, theme: input.theme, kycProvider: input.kycProvider, chains });
    // The job worker deploys the tenant's factory on each chain (src/server/chain/tenant-contracts).
    await requestTenantContracts(tx, id, chains);
    for (const domain of input.aliases) await insertAlias(tx, { tenantId: id, id: uuidv7(), domain });
  });
  // A host looked up before the tenant existed is cached as unknown; forget that.
  invalidateTenantCache();
  const adminId = await addUser(id, { ...input.admin, roles: ['tenant_admin'] });
  return { id, adminId };
}

/** Seeds and provisioning only: an account with verified email and the given roles. */
export async function addUser(
  tenantId: string,
  u: { email: string; password: string; firstName: string; lastName: string; roles: Role[] },
): Promise<string> {
  const id = uuidv7();
  const passwordHash = await hashPassword(u.password);
  await withTenant(tenantId, { userId: null }, async (t) => {
    const [first, ...rest] = u.roles.length ? u.roles : (['investor'] as Role[]);
    const ok = await insertUser(t, { id, email: u.email.toLowerCase(), passwordHash, firstName: u.firstName, lastName: u.lastName, role: first!, emailVerified: true });
    if (!ok) throw new Conflict('user_exists', `${u.email} already has an account on this tenant`);
    for (const r of rest) await grantRole(t, id, r, null);
  });
  return id;
}

export async function suspendTenant(actor: PlatformActor, tenantId: string, reason: string): Promise<void> {
  await withPlatform(actor, { action: 'tenant.suspend', targetTenantId: tenantId, metadata: { reason } }, (tx) => setTenantStatus(tx, tenantId, 'suspended', reason));
  invalidateTenantCache(tenantId);
}

export async function reactivateTenant(actor: PlatformActor, tenantId: string): Promise<void> {
  await withPlatform(actor, { action: 'tenant.reactivate', targetTenantId: tenantId }, (tx) => setTenantStatus(tx, tenantId, 'active', null));
  invalidateTenantCache(tenantId);
}

export async function tenantIdBySlug(slug: string): Promise<string | null> {
  const row = await withPlatformRead((tx) => findTenantBySlug(tx, slug));
  return row?.id ?? null;
}
