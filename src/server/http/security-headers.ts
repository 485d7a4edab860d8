import type { IncomingMessage, ServerResponse } from 'node:http';
import { PEER_ADDRESS_HEADER } from './client-address';

// Headers every response carries, decided per request from the running configuration (not
// baked into the build: an image built without APP_ENV=production must still send HSTS
// when it runs as production). A response that sets its own value keeps it: a file
// download's sandbox CSP is stricter than the API default and must survive.
const COMMON: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];
const HSTS: [string, string] = ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload'];
// Pages get their CSP with a nonce from src/proxy.ts; API answers are data, never documents.
const API_CSP: [string, string] = ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"];

export function securityHeaders(path: string, production: boolean): [string, string][] {
  const out = [...COMMON];
  if (production) out.push(HSTS);
  if (path === '/api' || path.startsWith('/api/')) out.push(API_CSP);
  return out;
}

/**
 * What the web server does to each request before Next.js sees it: the peer address header
 * is replaced by the socket's own address, and the security headers are added to the
 * response when its head is written, unless the response set them itself.
 */
export function prepareExchange(req: IncomingMessage, res: ServerResponse, production: boolean): void {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
  const defaults = securityHeaders((req.url ?? '/').split('?')[0]!, production);
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((a, i) => i > 0 && a && typeof a === 'object') as Record<string, unknown> | undefined;
    const givenNames = new Set(Object.keys(given ?? {}).map((k) => k.toLowerCase()));
    for (const [name, value] of defaults) if (!this.hasHeader(name) && !givenNames.has(name.toLowerCase())) this.setHeader(name, value);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}
