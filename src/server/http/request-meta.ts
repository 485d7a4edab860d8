import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '../audit/service';

/**
 * The client address: the first X-Forwarded-For hop only when a trusted proxy sets it,
 * else X-Real-IP from Next's own server, else unknown. Spoofed headers are ignored
 * unless TRUST_PROXY is on.
 */
export function clientIp(req: Request, trustProxy: boolean): string | null {
  if (trustProxy) {
    const fwd = req.headers.get('x-forwarded-for');
    if (fwd) return fwd.split(',')[0]!.trim().slice(0, 64);
  }
  const real = req.headers.get('x-real-ip') ?? req.headers.get('x-forwarded-for')?.split(',').pop()?.trim();
  return real ? real.slice(0, 64) : null;
}

export function requestMeta(req: Request, trustProxy: boolean): RequestMeta {
  const incoming = req.headers.get('x-request-id');
  return {
    ip: clientIp(req, trustProxy),
    userAgent: req.headers.get('user-agent')?.slice(0, 512) ?? null,
    requestId: incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID(),
  };
}
