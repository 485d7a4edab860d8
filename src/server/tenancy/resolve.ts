import { getConfig } from '../config';
import { withPlatformRead, withTenant } from '../db/tenant';
import type { Tenant } from '../db/types';
import { startTenantChangeFeed } from './change-feed';
import { resolveFeatures, type TenantFeatures } from './features';
import { findTenantByCustomHost, findTenantBySlug, listFeatureOverrides } from './repo';
import { resolveTheme, type ThemeSettings } from './theme';

export type TenantContext = {
  id: string;
  name: string;
  slug: string;
  domain: string | null;
  status: Tenant['status'];
  suspendedReason: string | null;
  kycProvider: Tenant['kyc_provider'];
  features: TenantFeatures;
  theme: ThemeSettings;
  settings: Record<string, unknown>;
};

const TTL_MS = 30_000;
const MISS_TTL_MS = 5_000;
type Entry = { value: TenantContext | null; expires: number };
// One cache per process, not per module instance: Next.js loads this module separately for
// route handlers and pages, and a branding save (a route) must drop what pages have cached.
const cache: Map<string, Entry> = ((globalThis as { __cdpTenantCache?: Map<string, Entry> }).__cdpTenantCache ??= new Map());

/** Lower-case host without port or trailing dot; null when it is not a plausible host name. */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) return null; // IPv6 literals never name a tenant
  host = host.replace(/:\d+$/, '').replace(/\.$/, '');
  if (!/^[a-z0-9.-]{1,253}$/.test(host)) return null;
  return host;
}

/** The base domain itself or any name under it: only the platform hands these out. */
export function isPlatformHost(host: string, baseDomain: string): boolean {
  const base = baseDomain.toLowerCase();
  return host === base || host.endsWith(`.${base}`);
}

/** The operator console's host (PLATFORM_HOST, default admin.<base domain>), normalized. */
export function consoleHost(): string {
  const c = getConfig();
  return normalizeHost(c.PLATFORM_HOST ?? `admin.${c.PLATFORM_BASE_DOMAIN}`) ?? `admin.${c.PLATFORM_BASE_DOMAIN}`;
}

/** Whether a request's Host names the operator console (never a tenant). */
export function isConsoleHost(rawHost: string | null | undefined): boolean {
  const host = normalizeHost(rawHost);
  return host !== null && host === consoleHost();
}

/** The slug when host is <slug>.<baseDomain>, else null. */
export function slugFromHost(host: string, baseDomain: string): string | null {
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const slug = host.slice(0, -suffix.length);
  return /^[a-z0-9-]+$/.test(slug) ? slug : null;
}

/**
 * The one host-to-tenant rule (uncached). A name under the platform's domain is a slug or
 * nothing: no custom domain or alias can take it (attack run, issue 21: a tenant's domain
 * set to another tenant's host). Any other name is a primary domain or an alias.
 */
export function findTenantRowForHost(host: string, baseDomain: string): Promise<Tenant | undefined> {
  // The console's host belongs to the platform: no tenant answers there, whatever its slug.
  if (host === consoleHost()) return Promise.resolve(undefined);
  const slug = slugFromHost(host, baseDomain);
  return withPlatformRead((tx) => (isPlatformHost(host, baseDomain) ? (slug ? findTenantBySlug(tx, slug) : Promise.resolve(undefined)) : findTenantByCustomHost(tx, host)));
}

async function load(host: string, baseDomain: string): Promise<TenantContext | null> {
  const row = await findTenantRowForHost(host, baseDomain);
  if (!row) return null;
  const overrides = await withTenant(row.id, null, listFeatureOverrides);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    domain: row.domain,
    status: row.status,
    suspendedReason: row.suspended_reason,
    kycProvider: row.kyc_provider,
    features: resolveFeatures(row.features, overrides),
    theme: resolveTheme(row.theme_settings),
    settings: (row.settings ?? {}) as Record<string, unknown>,
  };
}

/** Host → tenant, cached in memory; null for an unknown host. */
export async function resolveTenant(rawHost: string | null | undefined, baseDomain: string): Promise<TenantContext | null> {
  startTenantChangeFeed(invalidateTenantCache);
  const host = normalizeHost(rawHost);
  if (!host) return null;
  const now = Date.now();
  const hit = cache.get(host);
  if (hit && hit.expires > now) return hit.value;
  const value = await load(host, baseDomain);
  cache.set(host, { value, expires: now + (value ? TTL_MS : MISS_TTL_MS) });
  return value;
}

/** Called after any change to a tenant, its features or aliases. */
export function invalidateTenantCache(tenantId?: string): void {
  if (!tenantId) return cache.clear();
  for (const [host, entry] of cache) if (!entry.value || entry.value.id === tenantId) cache.delete(host);
}
