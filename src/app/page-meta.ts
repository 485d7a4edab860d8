import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import type { RequestMeta } from '@/server/audit/service';

/**
 * Audit metadata for reads a page makes on someone's behalf (a reviewer listing applicants).
 * The client address is left to the API path, which knows the trusted proxies.
 */
export async function pageMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: null, userAgent: h.get('user-agent')?.slice(0, 512) ?? null, requestId: randomUUID() };
}
