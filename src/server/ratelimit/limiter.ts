import pg from 'pg';
import { Redis } from 'ioredis';
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from '../config';
import { createHash, createHmac } from 'node:crypto';
import { limiterDatabaseUrl } from '../db/urls';
import { RateLimited } from '../errors';
import { log } from '../log';
import { addPoints } from './repo';

// Counters live in PostgreSQL (limits.rate_limits, reachable only by the limiter's own role)
// by default and in Redis when REDIS_URL is set, so every app instance shares them. Keys are
// stored as HMACs: a counter's key names a tenant, an email or an address, and whoever can
// read the store must learn none of them.
type Store = { kind: 'pg'; pool: pg.Pool } | { kind: 'redis'; client: Redis; ready: Promise<void> };
type State = { store?: Store; limiters: Map<string, RateLimiterAbstract>; keySecret?: Buffer };
const state: State = ((globalThis as { __cdpLimits?: State }).__cdpLimits ??= { limiters: new Map() });

function store(): Store {
  if (state.store) return state.store;
  const config = getConfig();
  if (config.REDIS_URL) {
    // No offline queue: while Redis is down a limit check fails at once instead of piling up
    // requests. But a fresh instance's first requests arrive while the client is still
    // connecting (found by tests/multi-instance: every request of the first burst was a 500),
    // so the first commands wait for the connection, a few seconds at most.
    const client = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', (err) => log.warn({ err: String(err) }, 'rate limits: Redis connection error'));
    const ready = new Promise<void>((resolve) => {
      client.once('ready', () => resolve());
      setTimeout(resolve, 5_000).unref();
    });
    state.store = { kind: 'redis', client, ready };
  } else {
    state.store = { kind: 'pg', pool: new pg.Pool({ connectionString: limiterDatabaseUrl(config), max: 5 }) };
    state.store.pool.on('error', () => {});
  }
  return state.store;
}

/** Resolves once the store can take commands (at once for PostgreSQL, whose pool connects on demand). */
async function connected(): Promise<void> {
  const s = store();
  if (s.kind === 'redis' && s.client.status !== 'ready') await s.ready;
}

/** Where the counters live: 'redis' (REDIS_URL set; every operation atomic on the one store) or 'pg'. */
export const sharedStoreKind = (): Store['kind'] => store().kind;

/**
 * The key as stored: an HMAC under a secret derived from the deployment's signing keys, the
 * same on every instance. Rotating JWT_KEYS starts every counter afresh (windows last an hour at most).
 */
export function storedKey(key: string): string {
  state.keySecret ??= createHash('sha256').update(`cdp rate-limit keys\0${getConfig().JWT_KEYS ?? getConfig().APP_DB_PASSWORD}`).digest();
  return createHmac('sha256', state.keySecret).update(key).digest('base64url').slice(0, 32);
}

function limiter(name: string, points: number, durationSeconds: number, blockSeconds = 0): RateLimiterAbstract {
  const id = `${name}:${points}:${durationSeconds}:${blockSeconds}`;
  let l = state.limiters.get(id);
  if (!l) {
    const s = store();
    const common = { keyPrefix: `rl:${name}`, points, duration: durationSeconds, blockDuration: blockSeconds };
    l =
      s.kind === 'redis'
        ? new RateLimiterRedis({ ...common, storeClient: s.client })
        : new RateLimiterPostgres({ ...common, storeClient: s.pool, schemaName: 'limits', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: true });
    state.limiters.set(id, l);
  }
  return l;
}

export type LimitSpec = { name: string; points: number; durationSeconds: number; blockSeconds?: number };

/** Spends one point for key; throws RateLimited (429 with Retry-After) when none is left. */
export async function consume(spec: LimitSpec, key: string): Promise<void> {
  await connected();
  try {
    await limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).consume(storedKey(key), 1);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(e.msBeforeNext / 1000)));
    throw e;
  }
}

/** Adds points without refusing (batched request budgets); answers the key's total and window. */
export async function spend(spec: LimitSpec, key: string, points: number): Promise<{ consumedPoints: number; msBeforeNext: number }> {
  await connected();
  return limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).penalty(storedKey(key), points);
}

/**
 * spend() for several keys at once: one statement in PostgreSQL (ratelimit/repo.ts), one call
 * per key in Redis. Answers in the order asked.
 */
export async function spendMany(items: { spec: LimitSpec; key: string; points: number }[]): Promise<{ consumedPoints: number; msBeforeNext: number }[]> {
  const s = store();
  if (s.kind === 'redis') return Promise.all(items.map((x) => spend(x.spec, x.key, x.points)));
  // The keys rate-limiter-flexible itself would use (keyPrefix rl:<name>), added up per key.
  const storeKey = (x: (typeof items)[number]) => `rl:${x.spec.name}:${storedKey(x.key)}`;
  const rows = new Map<string, { key: string; points: number; windowMs: number }>();
  for (const x of items) {
    const k = storeKey(x);
    const row = rows.get(k) ?? { key: k, points: 0, windowMs: x.spec.durationSeconds * 1000 };
    row.points += x.points;
    rows.set(k, row);
  }
  const totals = await addPoints(s.pool, [...rows.values()]);
  const now = Date.now();
  return items.map((x) => {
    const t = totals.get(storeKey(x))!;
    return { consumedPoints: t.points, msBeforeNext: Math.max(t.expire - now, 0) };
  });
}

/** How many points remain, without spending any (login throttling looks before it verifies). */
export async function remaining(spec: LimitSpec, key: string): Promise<{ left: number; retryAfterSeconds: number }> {
  await connected();
  const res = await limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).get(storedKey(key));
  if (!res) return { left: spec.points, retryAfterSeconds: 0 };
  return { left: Math.max(0, spec.points - res.consumedPoints), retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) };
}

/** Gives one point back (an attempt that turned out legitimate). */
export async function reward(spec: LimitSpec, key: string): Promise<void> {
  await connected();
  await limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).reward(storedKey(key), 1);
}

export async function penalize(spec: LimitSpec, key: string): Promise<void> {
  await connected();
  await limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).penalty(storedKey(key), 1);
}

export async function reset(spec: LimitSpec, key: string): Promise<void> {
  await connected();
  await limiter(spec.name, spec.points, spec.durationSeconds, spec.blockSeconds).delete(storedKey(key));
}
