import { readiness } from '@/server/health/probes';

// Readiness for orchestrators and load balancers: the database answers and the schema is
// current. Any host, no tenant (the Docker HEALTHCHECK calls it on 127.0.0.1).
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const r = await readiness();
  return Response.json(r, { status: r.status === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
