// autocannon against 127.0.0.1 only, bounded in time; results reduced to what the tables show.
import { createRequire } from 'node:module';

type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
};
type Histogram = { average: number; mean: number; p50: number; p99: number; max: number };
type AutocannonResult = {
  duration: number;
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
};
// autocannon ships no types; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (o: AutocannonOptions) => Promise<AutocannonResult>;

export type LoadResult = { ok: number; rps: number; p50: number; p99: number; meanMs: number; non2xx: number; errors: number; statuses: string };

export type LoadSpec = {
  url: string;
  host: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** Bodies sent in turn instead of `body` (e.g. logins spread over several accounts). */
  bodies?: unknown[];
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const u = new URL(spec.url);
  if (u.hostname !== '127.0.0.1') throw new Error(`load is only ever sent to 127.0.0.1, not ${u.hostname}`);
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    method: spec.method ?? 'GET',
    headers: { host: spec.host, ...(body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
    body,
    ...(spec.bodies ? { requests: [rotatingBodies(spec.bodies)] } : {}),
    timeout: 10,
  });
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count}`)
    .join(' ');
  return {
    ok: r['2xx'],
    // Successful responses per second over the whole run (not the mean of per-second samples).
    rps: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    meanMs: r.latency.mean,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statuses,
  };
}

function rotatingBodies(bodies: unknown[]) {
  const encoded = bodies.map((b) => JSON.stringify(b));
  let next = 0;
  return { setupRequest: (req: Record<string, unknown>) => ({ ...req, headers: { ...(req.headers as object), 'content-type': 'application/json' }, body: encoded[next++ % encoded.length] }) };
}

/** A short untimed run first so lazy loading, JIT and pool growth are not measured. */
export async function warmAndRun(spec: LoadSpec, warmSeconds = 2): Promise<LoadResult> {
  await runLoad({ ...spec, seconds: warmSeconds });
  const r = await runLoad(spec);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${spec.method ?? 'GET'} ${spec.url} (Host ${spec.host}): ${r.non2xx} non-2xx (${r.statuses}), ${r.errors} errors; the figures would not be comparable`);
  return r;
}
