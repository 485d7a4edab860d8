import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { appDatabaseUrl, ownerDatabaseUrl } from '../../src/server/db/urls';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Direct SQL as the application role, as an attacker with the app's connection string
// (or an injection inside a tenant transaction) would try it. isolation-sql.test.ts proves
// withTenant() scopes reads and writes and schema-rls.test.ts reads the catalog; this file
// tries the escapes: resetting or corrupting the tenant setting, turning row security off,
// becoming the owner, and changing the schema, policies or grants. Each is refused by
// PostgreSQL itself, and B's rows are unchanged afterwards.

let app: pg.Client;
let owner: pg.Client;
let ownerRole: string;
let a: TestTenant;
let b: TestTenant;
let bUser: string;
let bBefore: string;

type PgErr = { code?: string; message: string };
async function fails(text: string, tenantId: string | null = a.id, params: unknown[] = []): Promise<PgErr> {
  await app.query('begin');
  try {
    if (tenantId) await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    await app.query(text, params);
  } catch (e) {
    return e as PgErr;
  } finally {
    await app.query('rollback');
  }
  throw new Error(`expected "${text}" to fail as the app role`);
}
async function rows(text: string, tenantId: string | null = a.id, params: unknown[] = [], setup: string[] = []): Promise<Record<string, unknown>[]> {
  await app.query('begin');
  try {
    if (tenantId) await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    for (const s of setup) await app.query(s);
    return (await app.query(text, params)).rows;
  } finally {
    await app.query('rollback');
  }
}
async function bFingerprint(): Promise<string> {
  await owner.query('begin');
  try {
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [b.id]);
    const r = await owner.query(`select md5(string_agg(u::text, '|' order by u.id)) as h from users u where tenant_id = $1`, [b.id]);
    return r.rows[0].h;
  } finally {
    await owner.query('rollback');
  }
}

beforeAll(async () => {
  const config = getConfig();
  app = new pg.Client({ connectionString: appDatabaseUrl(config) });
  owner = new pg.Client({ connectionString: ownerDatabaseUrl(config) });
  await Promise.all([app.connect(), owner.connect()]);
  ownerRole = (await owner.query('select current_user as u')).rows[0].u;
  a = await makeTenant();
  b = await makeTenant();
  bUser = (await makeUser(b)).id;
  bBefore = await bFingerprint();
});

afterAll(async () => {
  await Promise.all([app?.end(), owner?.end()]);
  await closePools();
});

describe('the tenant setting cannot be bent into seeing another tenant', () => {
  it.each([
    ['RESET app.tenant_id', ['reset app.tenant_id']],
    ['SET LOCAL app.tenant_id to empty', [`set local app.tenant_id = ''`]],
    ['set_config to NULL', [`select set_config('app.tenant_id', null, true)`]],
    ['RESET ALL', ['reset all']],
    ['SET LOCAL app.tenant_id to a made-up tenant id', [`set local app.tenant_id = '00000000-0000-0000-0000-000000000000'`]],
  ])('after %s, neither B’s users nor A’s are visible', async (_l, setup) => {
    const seen = await rows(`select tenant_id from users where tenant_id = any($1::uuid[])`, a.id, [[a.id, b.id]], setup as string[]);
    expect(seen).toEqual([]);
  });

  it('control: with A’s setting untouched, the same query sees A’s users and none of B’s', async () => {
    const seen = await rows(`select distinct tenant_id from users where tenant_id = any($1::uuid[])`, a.id, [[a.id, b.id]]);
    expect(seen).toEqual([{ tenant_id: a.id }]);
  });

  it.each([
    ['garbage', 'not-a-uuid'],
    ['an injection', `${randomUUID()}' or '1'='1`],
    ['two ids', `${randomUUID()},${randomUUID()}`],
  ])('a tenant setting of %s makes every tenant table query fail rather than widen', async (_l, value) => {
    const err = await (async () => {
      await app.query('begin');
      try {
        await app.query(`select set_config('app.tenant_id', $1, true)`, [value]);
        await app.query('select count(*) from users');
        return null;
      } catch (x) {
        return x as PgErr;
      } finally {
        await app.query('rollback');
      }
    })();
    expect(err?.code).toBe('22P02');
  });

  it('SET row_security = off does not switch RLS off for the app role: the query is refused', async () => {
    await app.query('begin');
    try {
      await app.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
      await app.query('set local row_security = off');
      const err = await app.query(`select id from users where tenant_id = $1`, [b.id]).then(
        () => null,
        (x: PgErr) => x,
      );
      expect(err?.message).toMatch(/row-level security/);
    } finally {
      await app.query('rollback');
    }
  });
});

describe('the app role cannot become someone else', () => {
  it('SET ROLE / SET SESSION AUTHORIZATION to the owner or a superuser are refused', async () => {
    for (const stmt of [`set role ${pg.escapeIdentifier(ownerRole)}`, 'set role postgres', `set session authorization ${pg.escapeIdentifier(ownerRole)}`, 'set session authorization postgres']) {
      const e = await fails(stmt);
      expect({ stmt, code: e.code }).toEqual({ stmt, code: expect.stringMatching(/^(42501|22023|42704)$/) });
    }
    expect((await app.query('select current_user as u, session_user as s')).rows[0]).toEqual({ u: 'cdp_app', s: 'cdp_app' });
  });

  it('cannot grant itself BYPASSRLS, SUPERUSER or the owner’s role, nor create a role', async () => {
    for (const stmt of ['alter role cdp_app bypassrls', 'alter role cdp_app superuser', `grant ${pg.escapeIdentifier(ownerRole)} to cdp_app`, `create role evil_${randomBytes(3).toString('hex')} login superuser`]) {
      const e = await fails(stmt);
      expect({ stmt, code: e.code }).toEqual({ stmt, code: '42501' });
    }
  });
});

describe('the app role cannot change the schema or the policies', () => {
  const s = randomBytes(3).toString('hex');
  it.each([
    [`create table public.evil_${s} (id int)`],
    [`create view public.evil_v_${s} as select * from users`],
    [`create function public.evil_f_${s}() returns setof users language sql security definer as 'select * from users'`],
    [`create schema evil_${s}`],
    ['alter table users disable row level security'],
    ['alter table users no force row level security'],
    [`create policy evil_${s} on users for select using (true)`],
    ['drop policy tenant_isolation on users'],
    ['alter policy tenant_isolation on users using (true)'],
    ['alter table users owner to cdp_app'],
    ['drop table users'],
    ['truncate users'],
    ['create extension dblink'],
  ])('%s is refused', async (stmt) => {
    const e = await fails(stmt);
    expect(e.code).toMatch(/^(42501|42P01|0A000|58P01)$/);
  });

  it('GRANT on a table it does not own grants nothing (PostgreSQL only warns)', async () => {
    const r = await rows(`select has_table_privilege('public', 'users', 'SELECT') as pub, has_table_privilege('cdp_app', 'users', 'TRUNCATE') as trunc`, a.id, [], [
      'grant select on users to public',
      'grant truncate on users to cdp_app',
    ]);
    expect(r).toEqual([{ pub: false, trunc: false }]);
  });

  it('cannot read server files, run programs or read password hashes of roles', async () => {
    for (const stmt of [`select pg_read_file('/etc/passwd')`, `copy users to program 'true'`, `copy (select 1) to '/tmp/x'`, 'select rolpassword from pg_authid', `select lo_import('/etc/passwd')`]) {
      const e = await fails(stmt);
      expect({ stmt, code: e.code }).toEqual({ stmt, code: '42501' });
    }
  });

  it('a temporary view or function it makes itself still runs under RLS (no owner rights to borrow)', async () => {
    const seen = await rows(`select id from pg_temp.probe_users`, a.id, [], [
      `create temporary view probe_users as select id, tenant_id from users where tenant_id = '${b.id}'`,
    ]).catch((e: PgErr) => e);
    // Either temporary objects are not allowed at all, or the view sees none of B's rows.
    if (Array.isArray(seen)) expect(seen).toEqual([]);
    else expect(seen.code).toBe('42501');
  });
});

describe('after all of the above', () => {
  it('B’s users are unchanged and still there', async () => {
    // Stacked statements in one simple-protocol call, as an injection would send them.
    await app.query(`begin; select set_config('app.tenant_id', '${a.id}', true); update users set first_name = 'Pwned' where id = '${bUser}'; commit`);
    expect(await bFingerprint()).toBe(bBefore);
    const n = await rows(`select count(*)::int as n from users where id = $1`, b.id, [bUser]);
    expect(n).toEqual([{ n: 1 }]);
  });
});
