import type pg from 'pg';

/**
 * Adds points to several limits.rate_limits counters in one statement, with the semantics of
 * rate-limiter-flexible's own upsert (RateLimiterPostgres penalty): a counter whose window
 * has ended starts again from these points with a new window. Keys must be distinct.
 */
export async function addPoints(pool: pg.Pool, rows: { key: string; points: number; windowMs: number }[]): Promise<Map<string, { points: number; expire: number }>> {
  const now = Date.now();
  const r = await pool.query<{ key: string; points: number; expire: string }>(
    `insert into limits.rate_limits as rate_limits (key, points, expire)
     select v.key, v.points, v.expire from unnest($1::text[], $2::int[], $3::bigint[]) as v(key, points, expire)
     on conflict (key) do update set
       points = case when rate_limits.expire <= $4 then excluded.points else rate_limits.points + excluded.points end,
       expire = case when rate_limits.expire <= $4 then excluded.expire else rate_limits.expire end
     returning key, points, expire`,
    [rows.map((x) => x.key), rows.map((x) => x.points), rows.map((x) => now + x.windowMs), now],
  );
  return new Map(r.rows.map((x) => [x.key, { points: x.points, expire: Number(x.expire) }]));
}
