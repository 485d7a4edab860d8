import { NextResponse, type NextRequest } from 'next/server';
import { hostUsesSumsub, sumsubWebSdkOrigins } from './app/(dashboard)/verification/sumsub-websdk';
import { getConfig } from './server/config';
import { isConsoleHost, resolveTenant } from './server/tenancy/resolve';
import { tenantUnavailablePage } from './server/tenancy/unavailable-page';

/** Extra origins for /verification when this host's tenant verifies identities with Sumsub. */
async function sumsubOrigins(request: NextRequest): Promise<string[]> {
  if (request.nextUrl.pathname !== '/verification') return [];
  const config = getConfig();
  const host = (config.TRUST_PROXY && request.headers.get('x-forwarded-host')) || request.headers.get('host');
  try {
    return (await hostUsesSumsub(host, config.PLATFORM_BASE_DOMAIN)) ? sumsubWebSdkOrigins(config) : [];
  } catch {
    return []; // the page itself reports the outage; the policy stays strict
  }
}

// Only what must happen before routing: a per-request nonce for the page CSP (Next.js puts
// it on its own scripts when the request carries the header). API routes are not matched.
export async function proxy(request: NextRequest) {
  const early = await hostGate(request);
  if (early instanceof Response) return early;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const dev = process.env.NODE_ENV !== 'production';
  const origins = await sumsubOrigins(request);
  const sumsub = origins.map((o) => ` ${o}`).join('');
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self'${sumsub}`,
    ...(sumsub ? [`frame-src 'self'${sumsub}`] : []),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  // `early` is a URL when another page renders instead (the not-found page for a console path).
  const response = early ? NextResponse.rewrite(early, { request: { headers } }) : NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  // Sumsub's pages take a selfie or a live video, so its frame may use the camera and microphone.
  if (origins.length) {
    const allow = `(self ${origins.map((o) => `"${o}"`).join(' ')})`;
    response.headers.set('permissions-policy', `camera=${allow}, microphone=${allow}, geolocation=(), payment=()`);
  }
  return response;
}

/**
 * Before routing: the console's host serves the console only, and a tenant that serves nothing
 * (suspended, or still being provisioned) answers every page with a 503 page. The tenant comes
 * from the resolver's in-memory cache, which suspension invalidates on every instance.
 */
async function hostGate(request: NextRequest): Promise<Response | URL | null> {
  const config = getConfig();
  const host = (config.TRUST_PROXY && request.headers.get('x-forwarded-host')) || request.headers.get('host');
  const path = request.nextUrl.pathname;
  const consolePath = path === '/console' || path.startsWith('/console/');
  if (isConsoleHost(host)) return consolePath ? null : NextResponse.redirect(new URL('/console', request.url));
  // Anywhere else the console does not exist: the ordinary not-found page, its 404 status decided here,
  // before a page starts streaming (notFound() thrown inside the streamed console page came out as 200).
  if (consolePath) return new URL('/_no-console-on-this-host', request.url);
  const tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN).catch(() => null);
  if (!tenant || tenant.status === 'active') return null;
  const page = tenantUnavailablePage(tenant);
  return new NextResponse(page.html, { status: page.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '3600' } });
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)', missing: [{ type: 'header', key: 'next-router-prefetch' }] }],
};
