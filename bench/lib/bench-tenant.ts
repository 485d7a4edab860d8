// A tenant of the benchmark's own with request budgets high enough that no limiter answers 429,
// created through the platform API (src/server/platform/tenants.ts). Idempotent across runs.
import { sql } from 'kysely';
import { Conflict } from '../../src/server/errors';
import { ownerDb } from '../../src/server/db/pool';
import { addUser, createTenant, tenantIdBySlug } from '../../src/server/platform/tenants';
import { requestLimit } from '../../src/server/ratelimit/policy';

export const BENCH_SLUG = 'bench';
export const BENCH_PASSWORD = 'Quiet-Harbor-Ledger-2026';
export const PROFILE_USER = 'investor@bench.example';
/** One account per login connection: the login throttle allows few parallel attempts per account and address. */
export const loginUser = (n: number) => `login${n}@bench.example`;
export const LOGIN_ACCOUNTS = 8;
/** Members besides the two above, so a 50-row page of users is full. */
const MEMBERS = 60;
// policy.ts caps a tenant's per-minute budget at 1,000,000; a larger value fails its schema and
// silently falls back to the defaults (100/500/1000), so the cap is what the bench asks for.
const BUDGET = 1_000_000;

export type BenchTenant = { id: string; profileUserId: string };

async function userIds(tenantId: string): Promise<Map<string, string>> {
  const r = await sql<{ id: string; email: string }>`select id, email from users where tenant_id = ${tenantId}`.execute(ownerDb());
  return new Map(r.rows.map((u) => [u.email, u.id]));
}

async function ensureUser(existing: Map<string, string>, tenantId: string, email: string, firstName: string): Promise<string> {
  const known = existing.get(email);
  if (known) return known;
  try {
    return await addUser(tenantId, { email, password: BENCH_PASSWORD, firstName, lastName: 'Bench', roles: ['investor'] });
  } catch (e) {
    if (!(e instanceof Conflict)) throw e;
    return (await userIds(tenantId)).get(email)!;
  }
}

export async function ensureBenchTenant(say: (m: string) => void): Promise<BenchTenant> {
  let id = await tenantIdBySlug(BENCH_SLUG);
  if (!id) {
    id = (
      await createTenant(
        { adminId: null },
        {
          name: 'Benchmark Tenant',
          slug: BENCH_SLUG,
          settings: { rateLimits: { public: BUDGET, authenticated: BUDGET, admin: BUDGET } },
          admin: { email: 'admin@bench.example', password: BENCH_PASSWORD, firstName: 'Bench', lastName: 'Admin' },
        },
      )
    ).id;
    say(`created tenant ${BENCH_SLUG} (${id})`);
  }
  const settings = (await ownerDb().selectFrom('tenants').select('settings').where('id', '=', id).executeTakeFirstOrThrow()).settings;
  for (const cls of ['public', 'authenticated'] as const) {
    const points = requestLimit(cls, settings)?.points;
    if (points !== BUDGET) throw new Error(`tenant ${BENCH_SLUG}: the ${cls} budget resolves to ${points}/min, not ${BUDGET}; delete DATA_DIR and rerun`);
  }
  const existing = await userIds(id);
  const profileUserId = await ensureUser(existing, id, PROFILE_USER, 'Ivy');
  for (let n = 1; n <= LOGIN_ACCOUNTS; n++) await ensureUser(existing, id, loginUser(n), `Lou${n}`);
  const names = Array.from({ length: MEMBERS }, (_, i) => `member${String(i).padStart(2, '0')}@bench.example`);
  // Four at a time: argon2 hashing runs on libuv's four threads.
  for (let i = 0; i < names.length; i += 4) await Promise.all(names.slice(i, i + 4).map((e) => ensureUser(existing, id, e, 'Member')));
  return { id, profileUserId };
}
