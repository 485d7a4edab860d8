// autocannon for the deals benchmarks, where bench/lib/load.ts is not enough: each connection
// may carry its own bearer token (100 distinct investors), a run may be bounded by a request
// count instead of a duration (invest until the cap), and every status is kept so a run can
// end in refusals on purpose. Load goes to 127.0.0.1 only and is bounded in time and count.
import { createRequire } from 'node:module';

type Client = { setHeaders: (h: Record<string, string>) => void };
type Histogram = { p50: number; p99: number; mean: number; max: number };
type Result = {
  duration: number;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
};
// autocannon ships no types; this is the slice of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<Result>;

export type DealsLoadSpec = {
  url: string;
  host: string;
  connections: number;
  /** Duration bound; a run with `amount` still stops here at the latest. */
  seconds: number;
  /** Exactly this many requests in total, spread evenly over the connections. */
  amount?: number;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** One per connection, round-robin: connection i sends `Authorization: Bearer tokens[i % n]`. */
  tokens?: string[];
};

export type DealsLoadResult = {
  ok: number;
  /** 2xx per second over the whole run. */
  rps: number;
  seconds: number;
  p50: number;
  p99: number;
  meanMs: number;
  statuses: Record<string, number>;
  errors: number;
};

export async function load(spec: DealsLoadSpec): Promise<DealsLoadResult> {
  const u = new URL(spec.url);
  if (u.hostname !== '127.0.0.1') throw new Error(`load is only ever sent to 127.0.0.1, not ${u.hostname}`);
  const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const headers: Record<string, string> = { host: spec.host, ...(body ? { 'content-type': 'application/json' } : {}) };
  let next = 0;
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.amount ? { amount: spec.amount } : {}),
    method: spec.method ?? 'GET',
    headers,
    body,
    timeout: 10,
    ...(spec.tokens?.length
      ? { setupClient: (c: Client) => c.setHeaders({ ...headers, authorization: `Bearer ${spec.tokens![next++ % spec.tokens!.length]}` }) }
      : {}),
  });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    ok: r['2xx'],
    rps: r['2xx'] / r.duration,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    meanMs: r.latency.mean,
    statuses,
    errors: r.errors + r.timeouts,
  };
}

export const statusText = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');

/** A short untimed run first (lazy loading, JIT, pool growth), then the measured one, all 2xx. */
export async function warmLoad(spec: DealsLoadSpec, warmSeconds = 2): Promise<DealsLoadResult> {
  if (warmSeconds > 0) await load({ ...spec, seconds: warmSeconds, amount: undefined });
  const r = await load(spec);
  const bad = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  if (bad.length || r.errors > 0)
    throw new Error(`${spec.method ?? 'GET'} ${spec.url} (Host ${spec.host}): ${statusText(r.statuses)}, ${r.errors} errors; the figures would not be comparable`);
  return r;
}
