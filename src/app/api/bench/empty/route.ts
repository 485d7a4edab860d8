// The framework's floor for the HTTP benchmarks (bench/deals.ts): a route handler that does
// nothing but answer `{}`, so a real route's figure can be read against what Next.js itself
// costs in the same run. Deliberately outside route(): no tenant, no auth, no rate limit.
// It exists only when ENABLE_BENCH_ROUTES=1 (read per request, never at build time), so a
// production deployment answers 404 here like for any unknown path.

export const dynamic = 'force-dynamic';

const notFound = () => new Response(null, { status: 404 });

function empty(): Response {
  if (process.env.ENABLE_BENCH_ROUTES !== '1') return notFound();
  return new Response('{}', { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}

export function GET(): Response {
  return empty();
}

export function POST(): Response {
  return empty();
}
