import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '../audit/service';
import { requestClientAddress, type ProxyTrust } from './client-address';

export function requestMeta(req: Request, trust: ProxyTrust): RequestMeta {
  const incoming = req.headers.get('x-request-id');
  return {
    ip: requestClientAddress(req, trust),
    userAgent: req.headers.get('user-agent')?.slice(0, 512) ?? null,
    requestId: incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID(),
  };
}
