import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { appDb, closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import type { Database } from '../../src/server/db/types';
import { appDatabaseUrl } from '../../src/server/db/urls';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Row-level security as the application role sees it, through the real withTenant().
// The app pool is cut to ONE connection for this file, so every call below provably
// reuses the same server session: a tenant setting that outlived its transaction would show.

const TABLES = ['users', 'profiles', 'tenant_user_roles', 'sessions', 'audit_logs'] as const;

let a: TestTenant;
let b: TestTenant;
let aUsers: string[];
let bUsers: string[];
const savedPoolMax = process.env.DB_POOL_MAX;

type Settings = { pid: number; tenant: string | null; user: string | null };

/** Outside any transaction, on the pooled app connection. */
async function pooledSettings(): Promise<Settings> {
  const { rows } = await sql<Settings>`select pg_backend_pid() as pid, current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as user`.execute(appDb());
  return rows[0]!;
}

async function countFor(table: string, tenantId: string, db: Kysely<Database> = appDb()): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(db);
  return rows[0]!.n;
}

/** Gives tenant t a session and an audit row, written the only way the app may: inside withTenant. */
async function seedSessionAndAudit(t: TestTenant, userId: string): Promise<void> {
  await withTenant(t.id, { userId }, async ({ tx }) => {
    await sql`insert into sessions (tenant_id, id, user_id, expires_at) values (${t.id}, ${randomUUID()}, ${userId}, now() + interval '1 day')`.execute(tx);
    await sql`insert into audit_logs (tenant_id, id, actor_id, action) values (${t.id}, ${randomUUID()}, ${userId}, 'test.isolation')`.execute(tx);
  });
}

function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: { code?: string; message: string }) => e,
  );
}

beforeAll(async () => {
  process.env.DB_POOL_MAX = '1';
  resetConfigCache();
  await closePools();
  a = await makeTenant();
  b = await makeTenant();
  aUsers = [a.admin.id, (await makeUser(a)).id];
  bUsers = [b.admin.id, (await makeUser(b)).id];
  await seedSessionAndAudit(a, aUsers[0]!);
  await seedSessionAndAudit(b, bUsers[0]!);
});

afterAll(async () => {
  await closePools();
  if (savedPoolMax === undefined) delete process.env.DB_POOL_MAX;
  else process.env.DB_POOL_MAX = savedPoolMax;
  resetConfigCache();
});

describe('without a tenant context', () => {
  it.each(TABLES)('%s: the app role sees none of the tenant’s rows, on a fresh or a reused connection', async (table) => {
    // Control: the rows exist, so 0 below means RLS hid them.
    expect(await withTenant(a.id, null, ({ tx }) => countFor(table, a.id, tx))).toBeGreaterThan(0);
    // The pooled connection has run set_config before: the setting now reads '' rather than NULL.
    expect((await pooledSettings()).tenant).toBe('');
    expect(await countFor(table, a.id)).toBe(0);

    const fresh = new pg.Client({ connectionString: appDatabaseUrl(getConfig()) });
    await fresh.connect();
    try {
      const { rows } = await fresh.query(`select current_setting('app.tenant_id', true) as s, (select count(*)::int from ${table} where tenant_id = $1) as n`, [a.id]);
      expect(rows[0]).toEqual({ s: null, n: 0 });
    } finally {
      await fresh.end();
    }
  });
});

describe('inside withTenant(A)', () => {
  it('sets app.tenant_id and app.user_id for the transaction', async () => {
    const inside = await withTenant(a.id, { userId: aUsers[0]! }, ({ tx }) =>
      sql<{ tenant: string; user: string }>`select current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as user`.execute(tx),
    );
    expect(inside.rows[0]).toEqual({ tenant: a.id, user: aUsers[0] });
  });

  it('sees A’s users and none of B’s, even when asking for B’s ids or B’s tenant_id', async () => {
    const seen = await withTenant(a.id, null, async ({ tx }) => ({
      all: (await sql<{ id: string; tenant_id: string }>`select id, tenant_id from users`.execute(tx)).rows,
      bById: (await sql`select id from users where id = any(${bUsers}::uuid[])`.execute(tx)).rows,
      bByTenant: (await sql`select id from users where tenant_id = ${b.id}`.execute(tx)).rows,
      bProfiles: (await sql`select user_id from profiles where user_id = any(${bUsers}::uuid[])`.execute(tx)).rows,
      bSessions: (await sql`select id from sessions where tenant_id = ${b.id}`.execute(tx)).rows,
      bAudit: (await sql`select id from audit_logs where tenant_id = ${b.id}`.execute(tx)).rows,
    }));
    expect(seen.all.map((u) => u.id).sort()).toEqual([...aUsers].sort());
    expect(new Set(seen.all.map((u) => u.tenant_id))).toEqual(new Set([a.id]));
    expect(seen.bById).toEqual([]);
    expect(seen.bByTenant).toEqual([]);
    expect(seen.bProfiles).toEqual([]);
    expect(seen.bSessions).toEqual([]);
    expect(seen.bAudit).toEqual([]);
    // Control: B's context does see them.
    const inB = await withTenant(b.id, null, ({ tx }) => sql<{ id: string }>`select id from users where id = any(${bUsers}::uuid[])`.execute(tx));
    expect(inB.rows.map((r) => r.id).sort()).toEqual([...bUsers].sort());
  });

  it('refuses to INSERT a row carrying B’s tenant_id (WITH CHECK)', async () => {
    const e = await rejection(
      withTenant(a.id, null, ({ tx }) =>
        sql`insert into users (tenant_id, id, email, password_hash, first_name, last_name) values (${b.id}, ${randomUUID()}, ${`planted-${randomUUID()}@example.com`}, 'x', 'P', 'Q')`.execute(tx),
      ),
    );
    expect(e.code).toBe('42501');
    expect(e.message).toBe('new row violates row-level security policy for table "users"');
    const e2 = await rejection(
      withTenant(a.id, null, ({ tx }) => sql`insert into audit_logs (tenant_id, id, action) values (${b.id}, ${randomUUID()}, 'planted')`.execute(tx)),
    );
    expect(e2.message).toBe('new row violates row-level security policy for table "audit_logs"');
    const planted = await withTenant(b.id, null, ({ tx }) => sql<{ n: number }>`select count(*)::int as n from audit_logs where tenant_id = ${b.id} and action = 'planted'`.execute(tx));
    expect(planted.rows[0]!.n).toBe(0);
  });

  it('UPDATE and DELETE of B’s rows change nothing, and moving A’s row to B is refused', async () => {
    const touched = await withTenant(a.id, null, async ({ tx }) => ({
      update: (await sql`update users set first_name = 'Pwned' where tenant_id = ${b.id} or id = any(${bUsers}::uuid[])`.execute(tx)).numAffectedRows,
      profiles: (await sql`update profiles set display_name = 'Pwned' where user_id = any(${bUsers}::uuid[])`.execute(tx)).numAffectedRows,
      revoke: (await sql`update sessions set revoked_at = now() where tenant_id = ${b.id}`.execute(tx)).numAffectedRows,
      del: (await sql`delete from tenant_user_roles where tenant_id = ${b.id}`.execute(tx)).numAffectedRows,
    }));
    expect(touched).toEqual({ update: 0n, profiles: 0n, revoke: 0n, del: 0n });

    const move = await rejection(withTenant(a.id, null, ({ tx }) => sql`update users set tenant_id = ${b.id} where id = ${aUsers[1]!}`.execute(tx)));
    expect(move.code).toBe('42501');

    const b_ = await withTenant(b.id, null, async ({ tx }) => ({
      names: (await sql<{ first_name: string }>`select first_name from users where id = any(${bUsers}::uuid[])`.execute(tx)).rows.map((r) => r.first_name),
      revoked: (await sql<{ n: number }>`select count(*)::int as n from sessions where revoked_at is not null`.execute(tx)).rows[0]!.n,
      roles: (await sql<{ n: number }>`select count(*)::int as n from tenant_user_roles`.execute(tx)).rows[0]!.n,
    }));
    expect(b_.names).not.toContain('Pwned');
    expect(b_.revoked).toBe(0);
    expect(b_.roles).toBe(bUsers.length);
  });
});

describe('the tenant setting never outlives its transaction', () => {
  it('leaves the same pooled connection with app.tenant_id = \'\' after each of several sequential calls', async () => {
    const before = await pooledSettings();
    for (const [t, own, other] of [[a, aUsers, bUsers], [b, bUsers, aUsers], [a, aUsers, bUsers]] as const) {
      const inside = await withTenant(t.id, { userId: own[0]! }, async ({ tx }) => ({
        pid: (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid,
        ids: (await sql<{ id: string }>`select id from users`.execute(tx)).rows.map((r) => r.id),
      }));
      expect(inside.pid).toBe(before.pid);
      expect(inside.ids.sort()).toEqual([...own].sort());
      expect(inside.ids.some((id) => other.includes(id))).toBe(false);
      expect(await pooledSettings()).toEqual({ pid: before.pid, tenant: '', user: '' });
      expect(await countFor('users', t.id)).toBe(0);
    }
  });

  it('leaves nothing behind when the callback throws or a statement fails', async () => {
    const { pid } = await pooledSettings();
    await expect(
      withTenant(a.id, { userId: aUsers[0]! }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await pooledSettings()).toEqual({ pid, tenant: '', user: '' });

    await expect(withTenant(a.id, null, ({ tx }) => sql`select 1/0`.execute(tx))).rejects.toThrow('division by zero');
    expect(await pooledSettings()).toEqual({ pid, tenant: '', user: '' });
    expect(await countFor('users', a.id)).toBe(0);
  });

  it('the probe above would catch a leak: a session-level SET survives on a one-connection pool', async () => {
    // What withTenant must never do, shown on a dedicated pool so the shared one stays clean.
    const pool = new pg.Pool({ connectionString: appDatabaseUrl(getConfig()), max: 1 });
    try {
      const c1 = await pool.connect();
      const pid1 = (await c1.query('select pg_backend_pid() as pid')).rows[0].pid;
      await c1.query(`select set_config('app.tenant_id', $1, false)`, [a.id]);
      c1.release();
      const c2 = await pool.connect();
      const { rows } = await c2.query(`select pg_backend_pid() as pid, current_setting('app.tenant_id', true) as tenant, (select count(*)::int from users where tenant_id = $1) as n`, [a.id]);
      c2.release();
      expect(rows[0]).toEqual({ pid: pid1, tenant: a.id, n: aUsers.length });
    } finally {
      await pool.end();
    }
  });
});

describe('withTenant input', () => {
  it.each(['not-a-uuid', '', ' ', '00000000-0000-0000-0000-00000000000g', "x' or '1'='1", '{tenant}'])('refuses the tenant id %j', async (bad) => {
    await expect(withTenant(bad, null, async () => 'ran')).rejects.toThrow('withTenant: tenantId must be a UUID');
  });

  it('refuses a valid UUID with surrounding text', async () => {
    await expect(withTenant(`${a.id}' or '1'='1`, null, async () => 'ran')).rejects.toThrow('must be a UUID');
    await expect(withTenant(`${a.id}\n`, null, async () => 'ran')).rejects.toThrow('must be a UUID');
  });
});
