import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { APP_ROLE, appDatabaseUrl, ownerDatabaseUrl } from '../../src/server/db/urls';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// The schema-level half of the tenancy rule (ARCHITECTURE.md, "Tenancy"): read from
// pg_catalog, so a new migration that forgets RLS, a tenant_id in a key, or adds a
// SECURITY DEFINER function or an owner-rights view fails here without a test of its own.
// Each checker is also run against deliberately broken objects created inside a
// rolled-back transaction, which proves it can fail.

type Query = (text: string, params?: unknown[]) => Promise<Record<string, any>[]>;

// What pg_get_expr prints for `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`.
const TENANT_PREDICATE = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)";
const TENANT_ID_SETTING = /current_setting\('app\.tenant_id'::text, true\)/;

// The one documented exception: a host name maps to one tenant platform-wide.
// A chain event's identity is the chain's (chain id, tx hash, log index): one log belongs to one
// tenant at most, so its key needs no tenant_id (db/migrations/0030_chain_indexer.sql).
const UNIQUE_WITHOUT_TENANT_ALLOWED = new Set(['domain_aliases(domain)', 'chain_events(id)', 'chain_events(chain_id,tx_hash,log_index)']);
// Host resolution reads aliases before any tenant is known. The chain indexer (its own role,
// cdp_indexer, never the app's) reads and rewinds every tenant's events past a fork; the test
// below proves that policy reaches no other role.
const EXTRA_POLICY_ALLOWED = new Set(['domain_aliases.domain_alias_resolution', 'chain_events.chain_events_indexer', 'assets.assets_indexer_read']);

let owner: pg.Client;
let app: pg.Client;
let ownerQ: Query;
let a: TestTenant;
let b: TestTenant;

const asQuery =
  (c: pg.Client): Query =>
  async (text, params) =>
    (await c.query(text, params as unknown[])).rows;

async function tenantTables(q: Query): Promise<{ oid: number; name: string; tenantAtt: number; rls: boolean; force: boolean }[]> {
  const rows = await q(
    `select c.oid::int as oid, c.relname as name, a.attnum::int as "tenantAtt", c.relrowsecurity as rls, c.relforcerowsecurity as force
       from pg_class c
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      order by c.relname`,
  );
  return rows as { oid: number; name: string; tenantAtt: number; rls: boolean; force: boolean }[];
}

/** Tables that lack RLS, FORCE, or a tenant policy on both USING and WITH CHECK, or carry a policy that widens access. */
async function rlsViolations(q: Query): Promise<string[]> {
  const out: string[] = [];
  for (const t of await tenantTables(q)) {
    if (!t.rls) out.push(`${t.name}: row level security not enabled`);
    if (!t.force) out.push(`${t.name}: row level security not forced`);
    const policies = await q(
      `select polname as name, polpermissive as permissive, polcmd as cmd,
              pg_get_expr(polqual, polrelid) as using_expr, pg_get_expr(polwithcheck, polrelid) as check_expr
         from pg_policy where polrelid = $1`,
      [t.oid],
    );
    const tenantPolicy = policies.find((p) => p.cmd === '*' && p.permissive && p.using_expr === TENANT_PREDICATE && p.check_expr === TENANT_PREDICATE);
    if (!tenantPolicy) out.push(`${t.name}: no FOR ALL policy with USING and WITH CHECK ${TENANT_PREDICATE}`);
    // Permissive policies are OR-ed: any other one that does not pin the tenant opens the table.
    for (const p of policies) {
      if (p === tenantPolicy || !p.permissive || EXTRA_POLICY_ALLOWED.has(`${t.name}.${p.name}`)) continue;
      const exprs = [p.using_expr, p.check_expr].filter((e): e is string => e !== null);
      if (exprs.some((e) => !TENANT_ID_SETTING.test(e))) out.push(`${t.name}: permissive policy ${p.name} does not restrict to app.tenant_id`);
    }
  }
  return out;
}

/** Primary keys, unique constraints and unique indexes on tenant tables whose key columns omit tenant_id. */
async function uniqueKeyViolations(q: Query): Promise<string[]> {
  const out: string[] = [];
  for (const t of await tenantTables(q)) {
    const indexes = await q(
      `select i.indexrelid::regclass::text as name, i.indkey::text as keys, i.indnkeyatts::int as nkeys
         from pg_index i where i.indrelid = $1 and (i.indisunique or i.indisprimary)`,
      [t.oid],
    );
    for (const ix of indexes) {
      const keyAtts = String(ix.keys).split(' ').slice(0, ix.nkeys).map(Number);
      if (keyAtts.includes(t.tenantAtt)) continue;
      const cols = await q(`select string_agg(attname, ',' order by attnum) as cols from pg_attribute where attrelid = $1 and attnum = any($2::int2[])`, [t.oid, keyAtts.filter((n) => n > 0)]);
      const label = `${t.name}(${cols[0]?.cols ?? 'expression'})`;
      if (!UNIQUE_WITHOUT_TENANT_ALLOWED.has(label)) out.push(`${label} unique index ${ix.name} lacks tenant_id`);
    }
  }
  return out;
}

/** Foreign keys from one tenant table to another that do not match tenant_id to tenant_id. */
async function foreignKeyViolations(q: Query): Promise<string[]> {
  const tables = await tenantTables(q);
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const fks = await q(
    `select conname as name, conrelid::int as src, confrelid::int as dst, conkey::int[] as src_cols, confkey::int[] as dst_cols
       from pg_constraint where contype = 'f' and conrelid = any($1::oid[])`,
    [tables.map((t) => t.oid)],
  );
  const out: string[] = [];
  for (const fk of fks) {
    const src = byOid.get(fk.src)!;
    const dst = byOid.get(fk.dst);
    if (!dst) continue; // to platform data (tenants): not a tenant table
    const i = (fk.src_cols as number[]).indexOf(src.tenantAtt);
    if (i < 0 || (fk.dst_cols as number[])[i] !== dst.tenantAtt) out.push(`${src.name}.${fk.name} -> ${dst.name} does not pair tenant_id with tenant_id`);
  }
  return out;
}

async function securityDefinerFunctions(q: Query): Promise<string[]> {
  const rows = await q(`select p.oid::regprocedure::text as name from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef order by 1`);
  return rows.map((r) => r.name as string);
}

async function viewsWithoutSecurityInvoker(q: Query): Promise<{ all: string[]; bad: string[] }> {
  const rows = await q(`select relname as name, coalesce(reloptions, '{}')::text[] as opts from pg_class where relnamespace = 'public'::regnamespace and relkind = 'v' order by 1`);
  const invoker = (opts: string[]) => opts.some((o) => /^security_invoker=(true|on|yes|1)$/i.test(o));
  return { all: rows.map((r) => r.name), bad: rows.filter((r) => !invoker(r.opts as string[])).map((r) => r.name) };
}

/** Runs fn inside an owner transaction that is always rolled back: the broken objects never exist for anyone else. */
async function inRolledBackOwnerTx(fn: () => Promise<void>): Promise<void> {
  await owner.query('begin');
  try {
    await fn();
  } finally {
    await owner.query('rollback');
  }
}

function pgError(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return p.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (e: { code?: string; message: string }) => e,
  );
}

/** One statement as the app role inside a tenant transaction, always rolled back. */
async function asApp(tenantId: string | null, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  await app.query('begin');
  try {
    if (tenantId) await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    return await app.query(text, params);
  } finally {
    await app.query('rollback');
  }
}

beforeAll(async () => {
  const config = getConfig();
  owner = new pg.Client({ connectionString: ownerDatabaseUrl(config) });
  app = new pg.Client({ connectionString: appDatabaseUrl(config) });
  await Promise.all([owner.connect(), app.connect()]);
  ownerQ = asQuery(owner);
  a = await makeTenant({ aliases: [`a-${randomBytes(4).toString('hex')}.alias.example`] });
  b = await makeTenant({ aliases: [`b-${randomBytes(4).toString('hex')}.alias.example`] });
});

afterAll(async () => {
  await Promise.all([owner?.end(), app?.end()]);
  await closePools();
});

describe('tenant tables (every public table with a tenant_id column)', () => {
  it('finds the tenant tables (the enumeration itself works)', async () => {
    const names = (await tenantTables(ownerQ)).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['users', 'profiles', 'sessions', 'refresh_tokens', 'tenant_user_roles', 'audit_logs', 'activity_logs', 'domain_aliases']));
  });

  it('have RLS enabled and forced with the tenant_isolation predicate on USING and WITH CHECK, and no wider policy', async () => {
    expect(await rlsViolations(ownerQ)).toEqual([]);
  });

  it('include tenant_id in every primary key and unique key (except domain_aliases(domain))', async () => {
    expect(await uniqueKeyViolations(ownerQ)).toEqual([]);
  });

  it('pair tenant_id with tenant_id in every foreign key between tenant tables', async () => {
    expect(await foreignKeyViolations(ownerQ)).toEqual([]);
  });

  it("the chain indexer's policy on chain_events applies to the indexer role alone", async () => {
    const rows = await ownerQ(`select array(select rolname::text from pg_roles where oid = any(polroles))::text[] as roles from pg_policy where polname = 'chain_events_indexer' and polrelid = 'public.chain_events'::regclass`);
    expect(rows.map((r) => r.roles)).toEqual([['cdp_indexer']]);
  });

  it("the chain indexer's read policy on assets (finding the platform's tokens) is SELECT for the indexer role alone", async () => {
    const rows = await ownerQ(`select polcmd::text as cmd, array(select rolname::text from pg_roles where oid = any(polroles))::text[] as roles from pg_policy where polname = 'assets_indexer_read' and polrelid = 'public.assets'::regclass`);
    expect(rows).toEqual([{ cmd: 'r', roles: ['cdp_indexer'] }]);
  });

  it('keep domain_aliases(domain) unique platform-wide, as documented', async () => {
    const rows = await ownerQ(
      `select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = 'public.domain_aliases'::regclass and indisunique and not indisprimary`,
    );
    expect(rows.map((r) => r.def)).toEqual([expect.stringMatching(/UNIQUE INDEX \S+ ON public\.domain_aliases USING btree \(domain\)$/)]);
  });

  it('the checkers catch a table without RLS, a key or foreign key without tenant_id, and an opening policy', async () => {
    const s = randomBytes(4).toString('hex');
    await inRolledBackOwnerTx(async () => {
      await owner.query(`create table probe_parent_${s} (tenant_id uuid not null, id uuid primary key, email text unique)`);
      await owner.query(`create table probe_child_${s} (tenant_id uuid not null, id uuid not null, parent_id uuid references probe_parent_${s} (id), primary key (tenant_id, id))`);
      await owner.query(`select app_enable_tenant_rls('probe_child_${s}')`);
      await owner.query(`create policy probe_open on probe_child_${s} for select using (true)`);
      const rls = await rlsViolations(ownerQ);
      expect(rls).toEqual(
        expect.arrayContaining([
          `probe_parent_${s}: row level security not enabled`,
          `probe_parent_${s}: row level security not forced`,
          expect.stringMatching(new RegExp(`^probe_parent_${s}: no FOR ALL policy`)),
          `probe_child_${s}: permissive policy probe_open does not restrict to app.tenant_id`,
        ]),
      );
      expect(rls.filter((v) => !v.includes(s))).toEqual([]);
      expect(await uniqueKeyViolations(ownerQ)).toEqual([
        expect.stringMatching(new RegExp(`^probe_parent_${s}\\(id\\) unique index`)),
        expect.stringMatching(new RegExp(`^probe_parent_${s}\\(email\\) unique index`)),
      ]);
      expect(await foreignKeyViolations(ownerQ)).toEqual([expect.stringMatching(new RegExp(`^probe_child_${s}\\..* -> probe_parent_${s} `))]);
    });
  });
});

describe('functions, views and the app role', () => {
  it('has no SECURITY DEFINER function in public (they bypass RLS)', async () => {
    expect(await securityDefinerFunctions(ownerQ)).toEqual([]);
    const s = randomBytes(4).toString('hex');
    await inRolledBackOwnerTx(async () => {
      await owner.query(`create function probe_definer_${s}() returns int language sql security definer as 'select 1'`);
      expect(await securityDefinerFunctions(ownerQ)).toEqual([`probe_definer_${s}()`]);
    });
  });

  it('has security_invoker=true on every view in public (views otherwise run with the owner’s rights)', async () => {
    expect((await viewsWithoutSecurityInvoker(ownerQ)).bad).toEqual([]);
    const s = randomBytes(4).toString('hex');
    await inRolledBackOwnerTx(async () => {
      await owner.query(`create view probe_owner_rights_${s} as select id from users`);
      await owner.query(`create view probe_invoker_${s} with (security_invoker = true) as select id from users`);
      const v = await viewsWithoutSecurityInvoker(ownerQ);
      expect(v.all).toEqual(expect.arrayContaining([`probe_owner_rights_${s}`, `probe_invoker_${s}`]));
      expect(v.bad).toEqual([`probe_owner_rights_${s}`]);
    });
  });

  it('runs the app as a role that is no superuser, cannot bypass RLS and is what the app connects as', async () => {
    const [role] = await ownerQ(`select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1`, [APP_ROLE]);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const { rows } = await app.query(`select current_user as u`);
    expect(rows[0].u).toBe(APP_ROLE);
  });

  it('gives the app role no ownership in public, directly or through role membership', async () => {
    const owned = await ownerQ(
      `select 'relation ' || c.relname as what from pg_class c
        where c.relnamespace = 'public'::regnamespace and pg_has_role($1, c.relowner, 'USAGE')
       union all
       select 'function ' || p.oid::regprocedure::text from pg_proc p
        where p.pronamespace = 'public'::regnamespace and pg_has_role($1, p.proowner, 'USAGE')
       union all
       select 'schema public' from pg_namespace n where n.nspname = 'public' and pg_has_role($1, n.nspowner, 'USAGE')`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
  });
});

// Privileges are checked from the catalog, so a later migration that re-runs a blanket
// `grant ... on all tables` (which re-grants on the old tables too) is caught here.
const privileges = async (table: string, privs: string[]) =>
  (await ownerQ(`select p from unnest($2::text[]) p where has_table_privilege($1, $3::regclass, p)`, [APP_ROLE, privs, `public.${table}`])).map((r) => r.p as string);

describe('what the app role may write', () => {

  it('has no UPDATE, DELETE or TRUNCATE on any append-only table (those guarded by app_forbid_change)', async () => {
    const rows = await ownerQ(
      `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = 'public'::regnamespace and t.tgfoid = 'public.app_forbid_change'::regproc and not t.tgisinternal order by 1`,
    );
    const tables = rows.map((r) => r.name as string);
    expect(tables).toEqual(expect.arrayContaining(['activity_logs', 'audit_logs', 'platform_audit_logs']));
    const granted: string[] = [];
    for (const table of tables) for (const p of await privileges(table, ['UPDATE', 'DELETE', 'TRUNCATE'])) granted.push(`${p} on ${table}`);
    expect(granted).toEqual([]);
  });

  it('cannot write platform data: no write on platform_admins, no insert or delete on tenants, and only the branding columns of tenants are updatable (never the domain)', async () => {
    expect(await privileges('platform_admins', ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])).toEqual([]);
    expect(await privileges('tenants', ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])).toEqual([]);
    expect(await privileges('pgmigrations', ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])).toEqual([]);
    const cols = await ownerQ(
      `select attname as col from pg_attribute where attrelid = 'public.tenants'::regclass and attnum > 0 and not attisdropped
          and has_column_privilege($1, attrelid, attnum, 'UPDATE') order by 1`,
      [APP_ROLE],
    );
    expect(cols.map((r) => r.col)).toEqual(['blockchain_settings', 'features', 'kyc_provider', 'name', 'settings', 'theme_settings', 'updated_at']);
  });
});

describe('append-only audit trails', () => {
  const trails = ['audit_logs', 'activity_logs'] as const;

  it.each(trails)('%s: the app role may insert but UPDATE, DELETE and TRUNCATE are refused by grants', async (table) => {
    const id = randomUUID();
    await app.query('begin');
    await app.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
    await app.query(`insert into ${table} (tenant_id, id, action) values ($1, $2, 'test.append_only')`, [a.id, id]);
    await app.query('commit');

    for (const stmt of [`update ${table} set action = 'tampered' where tenant_id = $1 and id = $2`, `delete from ${table} where tenant_id = $1 and id = $2`]) {
      const e = await pgError(asApp(a.id, stmt, [a.id, id]));
      expect(e.code).toBe('42501');
      expect(e.message).toBe(`permission denied for table ${table}`);
    }
    const t = await pgError(asApp(a.id, `truncate ${table}`));
    expect(t.message).toBe(`permission denied for table ${table}`);

    const { rows } = await asApp(a.id, `select action from ${table} where tenant_id = $1 and id = $2`, [a.id, id]);
    expect(rows).toEqual([{ action: 'test.append_only' }]);
  });

  it.each([...trails, 'platform_audit_logs'] as const)('%s: even the owner’s UPDATE and DELETE hit the append-only trigger', async (table) => {
    const where = table === 'platform_audit_logs' ? 'target_tenant_id = $1' : 'tenant_id = $1';
    if (table !== 'platform_audit_logs') {
      // platform_audit_logs already has this tenant's 'tenant.create' row from createTenant.
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
      await app.query(`insert into ${table} (tenant_id, id, action) values ($1, gen_random_uuid(), 'test.owner_tamper')`, [a.id]);
      await app.query('commit');
    }
    for (const stmt of [`update ${table} set action = 'tampered' where ${where}`, `delete from ${table} where ${where}`]) {
      const e = await pgError(
        (async () => {
          await owner.query('begin');
          try {
            // The owner is subject to FORCE RLS unless it is a superuser: pin the tenant so rows are visible either way.
            await owner.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
            return await owner.query(stmt, [a.id]);
          } finally {
            await owner.query('rollback');
          }
        })(),
      );
      expect(e.message).toBe(`${table} is append-only`);
    }
    const [{ n }] = (await ownerQ(`select count(*)::int as n from ${table} where ${where} and action = 'tampered'`, [a.id])) as [{ n: number }];
    expect(n).toBe(0);
  });
});

describe('the two tables readable without a tenant: tenants and domain_aliases', () => {
  it('declare exactly the documented policies', async () => {
    const rows = await ownerQ(
      `select c.relname as tbl, p.polname as name, p.polcmd as cmd, p.polpermissive as permissive,
              pg_get_expr(p.polqual, p.polrelid) as using_expr, pg_get_expr(p.polwithcheck, p.polrelid) as check_expr,
              c.relrowsecurity as rls, c.relforcerowsecurity as force
         from pg_class c join pg_policy p on p.polrelid = c.oid
        where c.oid in ('public.tenants'::regclass, 'public.domain_aliases'::regclass)
        order by 1, 2`,
    );
    const idPredicate = TENANT_PREDICATE.replace('(tenant_id', '(id');
    expect(rows).toEqual([
      { tbl: 'domain_aliases', name: 'domain_alias_resolution', cmd: 'r', permissive: true, using_expr: 'true', check_expr: null, rls: true, force: true },
      { tbl: 'domain_aliases', name: 'tenant_isolation', cmd: '*', permissive: true, using_expr: TENANT_PREDICATE, check_expr: TENANT_PREDICATE, rls: true, force: true },
      { tbl: 'tenants', name: 'tenants_read', cmd: 'r', permissive: true, using_expr: 'true', check_expr: null, rls: true, force: true },
      { tbl: 'tenants', name: 'tenants_self_update', cmd: 'w', permissive: true, using_expr: idPredicate, check_expr: idPredicate, rls: true, force: true },
    ]);
  });

  it('are readable by the app role without a tenant (host resolution)', async () => {
    const t = await asApp(null, `select id from tenants where id = any($1::uuid[]) order by id`, [[a.id, b.id]]);
    expect(t.rows.map((r) => r.id)).toEqual([a.id, b.id].sort());
    const al = await asApp(null, `select tenant_id from domain_aliases where tenant_id = any($1::uuid[])`, [[a.id, b.id]]);
    expect(al.rows.map((r) => r.tenant_id).sort()).toEqual([a.id, b.id].sort());
  });

  it('tenants: the app role updates only the current tenant’s row, never its status, and cannot insert', async () => {
    expect((await asApp(a.id, `update tenants set name = 'hijacked' where id = $1`, [b.id])).rowCount).toBe(0);
    expect((await asApp(null, `update tenants set name = 'hijacked' where id = $1`, [a.id])).rowCount).toBe(0);
    expect((await asApp(a.id, `update tenants set name = 'renamed' where id = $1`, [a.id])).rowCount).toBe(1);
    const status = await pgError(asApp(a.id, `update tenants set status = 'active', suspended_reason = null where id = $1`, [a.id]));
    expect(status.message).toBe('permission denied for table tenants');
    const ins = await pgError(asApp(a.id, `insert into tenants (id, name, slug) values (gen_random_uuid(), 'x', $1)`, [`t-${randomBytes(5).toString('hex')}`]));
    expect(ins.message).toBe('permission denied for table tenants');
    const [row] = await ownerQ(`select name from tenants where id = $1`, [b.id]);
    expect(row!.name).toBe(`Tenant ${b.slug}`);
  });

  it('domain_aliases: the app role writes no alias at all, its own tenant’s included (host names are the platform’s to give)', async () => {
    expect(await privileges('domain_aliases', ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])).toEqual([]);
    const ins = await pgError(asApp(a.id, `insert into domain_aliases (tenant_id, id, domain) values ($1, gen_random_uuid(), $2)`, [b.id, `x-${randomBytes(4).toString('hex')}.example`]));
    expect(ins.code).toBe('42501');
    const own = await pgError(asApp(a.id, `insert into domain_aliases (tenant_id, id, domain) values ($1, gen_random_uuid(), $2)`, [a.id, `own-${randomBytes(4).toString('hex')}.example`]));
    expect(own.code).toBe('42501');
    expect((await pgError(asApp(a.id, `update domain_aliases set domain = 'stolen.example' where tenant_id = $1`, [b.id]))).code).toBe('42501');
    expect((await pgError(asApp(a.id, `delete from domain_aliases where tenant_id = $1`, [b.id]))).code).toBe('42501');
    const aliases = await ownerQ(`select count(*)::int as n from domain_aliases where tenant_id = $1`, [b.id]);
    expect(aliases[0]!.n).toBe(1);
  });
});
