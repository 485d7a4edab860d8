// Liveness for orchestrators: the process answers. Any host, no tenant, no database.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'alive' }, { headers: { 'cache-control': 'no-store' } });
}
