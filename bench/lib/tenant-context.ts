// Cost of the tenant context: the same SQL with and without withTenant() (set_config + RLS).
//   without   owner role (superuser: RLS does not apply), plain transaction, explicit where tenant_id = $1
//   with      app role, the shape withTenant() sends: begin; select set_config(...) x2; query; commit
//   with, 1 rt  app role, set_config sent in the same simple-query message as BEGIN (no extra round
//             trip), so what remains is the cost of the role and the RLS predicate alone
//   withTenant()  the app's real function (Kysely, its app pool) and its real repo call, for reference
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { findProfile } from '../../src/server/auth/repo';
import { withTenant } from '../../src/server/db/tenant';

export type Variant = 'without' | 'with' | 'with, 1 rt' | 'withTenant()';
export const VARIANTS: Variant[] = ['without', 'with', 'with, 1 rt', 'withTenant()'];

export type QueryName = 'profile by id' | 'list 50 users';

type Ctx = { tenantId: string; userId: string };
type Runner = (ctx: Ctx) => Promise<void>;

const SQL: Record<QueryName, { text: string; params: (c: Ctx) => unknown[]; rows: number }> = {
  'profile by id': { text: 'select * from profiles where tenant_id = $1 and user_id = $2', params: (c) => [c.tenantId, c.userId], rows: 1 },
  'list 50 users': {
    text: 'select id, email, first_name, last_name, status, created_at from users where tenant_id = $1 order by id limit 50',
    params: (c) => [c.tenantId],
    rows: 50,
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function check(q: QueryName, n: number): void {
  if (n !== SQL[q].rows) throw new Error(`${q}: expected ${SQL[q].rows} rows, got ${n} (RLS or the seed is not what the bench assumes)`);
}

function rawRunner(pool: pg.Pool, q: QueryName, variant: Exclude<Variant, 'withTenant()'>): Runner {
  const { text, params } = SQL[q];
  return async (c) => {
    const client = await pool.connect();
    try {
      if (variant === 'without') await client.query('begin');
      else if (variant === 'with') {
        await client.query('begin');
        await client.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [c.tenantId, c.userId]);
      } else {
        // Literals are safe: both are checked UUIDs.
        if (!UUID.test(c.tenantId) || !UUID.test(c.userId)) throw new Error('not a uuid');
        await client.query(`begin; select set_config('app.tenant_id', '${c.tenantId}', true), set_config('app.user_id', '${c.userId}', true)`);
      }
      const r = await client.query(text, params(c));
      check(q, r.rowCount ?? 0);
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  };
}

function appRunner(q: QueryName): Runner {
  if (q === 'profile by id')
    return async (c) => {
      const row = await withTenant(c.tenantId, { userId: c.userId }, (t) => findProfile(t, c.userId));
      check(q, row ? 1 : 0);
    };
  return async (c) => {
    const rows = await withTenant(c.tenantId, { userId: c.userId }, (t) =>
      t.tx.selectFrom('users').select(['id', 'email', 'first_name', 'last_name', 'status', 'created_at']).where('tenant_id', '=', t.tenantId).orderBy('id').limit(50).execute(),
    );
    check(q, rows.length);
  };
}

export type Stat = { meanMs: number; p50Ms: number; p99Ms: number; perSecond: number; count: number };

function stat(samples: number[], wallMs: number): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { meanMs: s.reduce((a, b) => a + b, 0) / s.length, p50Ms: at(0.5), p99Ms: at(0.99), perSecond: (s.length / wallMs) * 1000, count: s.length };
}

/** N transactions one after another on one connection's worth of pool, variants interleaved in rounds. */
async function sequential(runners: Record<Variant, Runner>, ctx: Ctx, n: number, rounds: number): Promise<Record<Variant, Stat>> {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const wall = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order so no variant always runs first (cache and CPU frequency drift).
    const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
    for (const v of order) {
      const t0 = performance.now();
      for (let i = 0; i < n / rounds; i++) {
        const s = performance.now();
        await runners[v](ctx);
        samples[v].push(performance.now() - s);
      }
      wall[v] += performance.now() - t0;
    }
  }
  return Object.fromEntries(VARIANTS.map((v) => [v, stat(samples[v], wall[v])])) as Record<Variant, Stat>;
}

/** `workers` transactions in flight at once for `ms`, each worker looping; returns the latencies and the wall time. */
async function concurrent(run: Runner, ctx: Ctx, workers: number, ms: number): Promise<{ samples: number[]; wallMs: number }> {
  const samples: number[] = [];
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        await run(ctx);
        samples.push(performance.now() - s);
      }
    }),
  );
  return { samples, wallMs: performance.now() - t0 };
}

/** The concurrent runs of all variants interleaved in rounds, like the sequential ones. */
async function concurrentRounds(runners: Record<Variant, Runner>, ctx: Ctx, workers: number, ms: number, rounds: number): Promise<Record<Variant, Stat>> {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const wall = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  for (let r = 0; r < rounds; r++) {
    for (const v of VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!)) {
      const out = await concurrent(runners[v], ctx, workers, ms / rounds);
      samples[v].push(...out.samples);
      wall[v] += out.wallMs;
    }
  }
  return Object.fromEntries(VARIANTS.map((v) => [v, stat(samples[v], wall[v])])) as Record<Variant, Stat>;
}

export type TenantContextResult = Record<QueryName, { sequential: Record<Variant, Stat>; concurrent: Record<Variant, Stat> }>;

export async function measureTenantContext(opts: {
  ownerUrl: string;
  appUrl: string;
  ctx: Ctx;
  iterations: number;
  workers: number;
  concurrentMs: number;
  say: (m: string) => void;
}): Promise<TenantContextResult> {
  const owner = new pg.Pool({ connectionString: opts.ownerUrl, max: opts.workers });
  const app = new pg.Pool({ connectionString: opts.appUrl, max: opts.workers });
  try {
    // Open every connection up front so connecting is not measured.
    for (const pool of [owner, app]) {
      const clients = await Promise.all(Array.from({ length: opts.workers }, () => pool.connect()));
      clients.forEach((c) => c.release());
    }
    const out = {} as TenantContextResult;
    for (const q of Object.keys(SQL) as QueryName[]) {
      const runners: Record<Variant, Runner> = {
        without: rawRunner(owner, q, 'without'),
        with: rawRunner(app, q, 'with'),
        'with, 1 rt': rawRunner(app, q, 'with, 1 rt'),
        'withTenant()': appRunner(q),
      };
      for (const v of VARIANTS) for (let i = 0; i < 200; i++) await runners[v](opts.ctx);
      opts.say(`tenant context: ${q}, ${opts.iterations} sequential transactions per variant…`);
      const seq = await sequential(runners, opts.ctx, opts.iterations, 5);
      opts.say(`tenant context: ${q}, ${opts.workers} concurrent for ${opts.concurrentMs / 1000} s per variant (4 interleaved rounds)…`);
      for (const v of VARIANTS) await concurrent(runners[v], opts.ctx, opts.workers, 300);
      const conc = await concurrentRounds(runners, opts.ctx, opts.workers, opts.concurrentMs, 4);
      out[q] = { sequential: seq, concurrent: conc };
    }
    return out;
  } finally {
    await Promise.all([owner.end(), app.end()]);
  }
}
