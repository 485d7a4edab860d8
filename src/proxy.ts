import { NextResponse, type NextRequest } from 'next/server';
import { hostUsesSumsub, sumsubWebSdkOrigins } from './app/(dashboard)/verification/sumsub-websdk';
import { getConfig } from './server/config';

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
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  // Sumsub's pages take a selfie or a live video, so its frame may use the camera and microphone.
  if (origins.length) {
    const allow = `(self ${origins.map((o) => `"${o}"`).join(' ')})`;
    response.headers.set('permissions-policy', `camera=${allow}, microphone=${allow}, geolocation=(), payment=()`);
  }
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)', missing: [{ type: 'header', key: 'next-router-prefetch' }] }],
};
