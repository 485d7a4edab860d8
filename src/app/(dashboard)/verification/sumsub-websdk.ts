import type { Config } from '@/server/config';
import { SUMSUB_DEFAULT_BASE_URL } from '@/server/kyc/providers/sumsub';
import { findTenantRowForHost, normalizeHost } from '@/server/tenancy/resolve';

// Where the browser meets Sumsub. The WebSDK draws Sumsub's own page in an iframe, so a
// tenant that verifies identities with Sumsub needs that origin in frame-src (and
// connect-src) on /verification, and only there, and only for that tenant.

/** Sumsub's hosted WebSDK when the API is Sumsub's own (the SDK's built-in default). */
export const SUMSUB_WEBSDK_ORIGIN = 'https://in.sumsub.com';

/**
 * The iframe's base URL handed to the SDK: the configured SUMSUB_BASE_URL's origin when it
 * points elsewhere than Sumsub's API (a regional host, a proxy, the local fake), otherwise
 * null so the SDK uses its default (or the host named in the access token).
 */
export function sumsubWebSdkBaseUrl(config: Pick<Config, 'SUMSUB_BASE_URL'>): string | null {
  const api = new URL(config.SUMSUB_BASE_URL ?? SUMSUB_DEFAULT_BASE_URL).origin;
  return api === new URL(SUMSUB_DEFAULT_BASE_URL).origin ? null : api;
}

/** Origins the page must allow for the WebSDK: the configured one, or Sumsub's two. */
export function sumsubWebSdkOrigins(config: Pick<Config, 'SUMSUB_BASE_URL'>): string[] {
  const custom = sumsubWebSdkBaseUrl(config);
  return custom ? [custom] : [SUMSUB_WEBSDK_ORIGIN, new URL(SUMSUB_DEFAULT_BASE_URL).origin];
}

const TTL_MS = 30_000;
const providerByHost = new Map<string, { sumsub: boolean; expires: number }>();

/**
 * Whether the tenant on this host verifies identities with Sumsub. Used by the proxy for
 * /verification only, with its own short cache (the proxy has its own module instance).
 */
export async function hostUsesSumsub(rawHost: string | null, baseDomain: string): Promise<boolean> {
  const host = normalizeHost(rawHost);
  if (!host) return false;
  const now = Date.now();
  const hit = providerByHost.get(host);
  if (hit && hit.expires > now) return hit.sumsub;
  const row = await findTenantRowForHost(host, baseDomain);
  const sumsub = row?.kyc_provider === 'sumsub';
  providerByHost.set(host, { sumsub, expires: now + TTL_MS });
  return sumsub;
}
