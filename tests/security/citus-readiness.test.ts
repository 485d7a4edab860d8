import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../src/server/config';
import { ownerDatabaseUrl } from '../../src/server/db/urls';

// Ready to shard by tenant (issue 22; docs/architecture.md, "From one machine to many"). Citus
// is not installable here, so this is the proof we can run: the schema is read from pg_catalog
// and every table is placed the way the architecture document says it would be on Citus:
//
// - a DISTRIBUTED table (distribution column tenant_id, all co-located): any public table with a
//   tenant_id column, unless listed in REFERENCE below. Citus requires its tenant_id to be
//   NOT NULL, every primary key and unique index to contain it, every foreign key to another
//   distributed table to pair tenant_id with tenant_id (a co-located join), and no reference
//   table may point at it with a foreign key.
// - a REFERENCE table (copied to every node): platform data without tenant_id (tenants, users'
//   platform rows, the chain indexer's cursors), plus the tenant tables listed below with why.
//
// The second half is static, and says so: it reads every repo.ts (the only place SQL lives) and
// requires each kysely statement or sql`` template that reads or writes a distributed table to
// carry tenant_id in its own text, so Citus can route it to one shard. A statement that gets its
// tenant filter through a helper, or that is platform work spanning tenants by design (a
// multi-shard query on Citus: the mailer, the chain transaction manager, the indexer) is listed
// by file and function with the reason; a new statement without tenant_id fails here.

/** Tenant tables kept whole on every node, and why they cannot be distributed by tenant_id. */
const REFERENCE: Record<string, string> = {
  domain_aliases: 'host resolution reads it before any tenant is known; (domain) is unique platform-wide',
  chain_events: "a chain log's identity is (chain, tx hash, log index); events of no known tenant have tenant_id null",
};

type Q = (text: string, params?: unknown[]) => Promise<Record<string, any>[]>;
let owner: pg.Client;
let q: Q;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: ownerDatabaseUrl(getConfig()) });
  await owner.connect();
  q = async (text, params) => (await owner.query(text, params as unknown[])).rows;
});
afterAll(async () => {
  await owner?.end();
});

type Table = { oid: number; name: string; tenantAtt: number | null; tenantNotNull: boolean };

async function tables(): Promise<Table[]> {
  return (await q(
    `select c.oid::int as oid, c.relname as name, a.attnum::int as "tenantAtt", coalesce(a.attnotnull, false) as "tenantNotNull"
       from pg_class c
       left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      order by c.relname`,
  )) as Table[];
}

const isDistributed = (t: Table) => t.tenantAtt !== null && !(t.name in REFERENCE);

/** What would stop `create_distributed_table(t, 'tenant_id', colocate_with => 'tenants-group')` for each distributed table. */
async function citusViolations(): Promise<string[]> {
  const all = await tables();
  const byOid = new Map(all.map((t) => [t.oid, t]));
  const out: string[] = [];
  for (const t of all.filter(isDistributed)) {
    if (!t.tenantNotNull) out.push(`${t.name}: tenant_id may be null (a distribution column may not)`);
    const uniques = await q(
      `select i.indexrelid::regclass::text as name, i.indkey::text as keys, i.indnkeyatts::int as nkeys
         from pg_index i where i.indrelid = $1 and i.indisunique`,
      [t.oid],
    );
    for (const ix of uniques) {
      const keyAtts = String(ix.keys).split(' ').slice(0, ix.nkeys).map(Number);
      if (!keyAtts.includes(t.tenantAtt!)) out.push(`${t.name}: unique index ${ix.name} lacks tenant_id`);
    }
  }
  const fks = await q(
    `select conname as name, conrelid::int as src, confrelid::int as dst, conkey::int[] as src_cols, confkey::int[] as dst_cols
       from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
  );
  for (const fk of fks) {
    const src = byOid.get(fk.src);
    const dst = byOid.get(fk.dst);
    if (!src || !dst) continue;
    if (!isDistributed(src) && isDistributed(dst)) out.push(`${src.name}.${fk.name}: a reference table points at distributed ${dst.name}`);
    if (isDistributed(src) && isDistributed(dst)) {
      const i = (fk.src_cols as number[]).indexOf(src.tenantAtt!);
      if (i < 0 || (fk.dst_cols as number[])[i] !== dst.tenantAtt) out.push(`${src.name}.${fk.name} -> ${dst.name}: does not pair tenant_id with tenant_id`);
    }
  }
  return out;
}

describe('the schema maps onto Citus (distributed by tenant_id, reference tables for platform data)', () => {
  it('finds distributed and reference tables', async () => {
    const all = await tables();
    const distributed = all.filter(isDistributed).map((t) => t.name);
    expect(distributed).toEqual(expect.arrayContaining(['deals', 'investments', 'users', 'sessions', 'idempotency_keys', 'audit_logs']));
    expect(all.filter((t) => !isDistributed(t)).map((t) => t.name)).toEqual(expect.arrayContaining(['tenants', 'chain_cursors', 'chain_indexer_leases', ...Object.keys(REFERENCE)]));
    for (const name of Object.keys(REFERENCE)) expect(all.find((t) => t.name === name)?.tenantAtt, name).not.toBeNull();
  });

  it('every distributed table has a non-null tenant_id in every unique key and foreign key between them, and no reference table points at one', async () => {
    expect(await citusViolations()).toEqual([]);
  });

  it('the checker fails on a nullable tenant_id, a key without it, an unpaired foreign key and a reference-to-distributed foreign key', async () => {
    await owner.query('begin');
    try {
      await owner.query(`create table citus_probe_loose (tenant_id uuid, note text)`);
      await owner.query(`create table citus_probe_parent (tenant_id uuid not null, id uuid not null, code text unique, primary key (tenant_id, id))`);
      await owner.query(`create table citus_probe_child (tenant_id uuid not null, id uuid primary key, parent_tenant uuid, parent_id uuid,
                           foreign key (parent_tenant, parent_id) references citus_probe_parent (tenant_id, id))`);
      await owner.query(`create table citus_probe_platform (id uuid primary key, tenant_ref uuid, parent_id uuid,
                           foreign key (tenant_ref, parent_id) references citus_probe_parent (tenant_id, id))`);
      const v = await citusViolations();
      expect(v).toEqual(
        expect.arrayContaining([
          'citus_probe_loose: tenant_id may be null (a distribution column may not)',
          expect.stringMatching(/^citus_probe_parent: unique index .*code.* lacks tenant_id$/),
          expect.stringMatching(/^citus_probe_child: unique index .* lacks tenant_id$/),
          expect.stringMatching(/^citus_probe_child\..* -> citus_probe_parent: does not pair tenant_id with tenant_id$/),
          expect.stringMatching(/^citus_probe_platform\..*: a reference table points at distributed citus_probe_parent$/),
        ]),
      );
    } finally {
      await owner.query('rollback');
    }
  });
});

// ------------------------------------------------------------------ repository statements

/**
 * Statements on distributed tables whose text has no tenant_id, by `file:function`, and why
 * that is right. Everything else in a repo.ts must name tenant_id itself.
 */
const WITHOUT_TENANT_ID_IN_TEXT: Record<string, string> = {
  'src/server/idempotency/repo.ts:claimKey': 'filter built by sameKey(), which starts with tenant_id',
  'src/server/idempotency/repo.ts:storeResponse': 'filter built by sameKey(), which starts with tenant_id',
  'src/server/idempotency/repo.ts:releaseKey': 'filter built by sameKey(), which starts with tenant_id',
  'src/server/deals/repo.ts:listDeals': "the count reuses the page's filter, which starts with tenant_id",
  'src/server/notifications/repo.ts:claimPendingEmails': 'platform mail delivery claims due mail of every tenant (multi-shard on Citus)',
  'src/server/health/repo.ts:oldestPendingEmailAgeSeconds': 'platform health: the oldest pending mail of any tenant (multi-shard on Citus)',
  'src/server/chain/tenant-contracts/repo.ts:txByDedupe': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:attemptsOf': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:attemptsOfMany': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:chainsWithWork': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:findTx': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:findTxs': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:listAllTxs': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:lockNextQueued': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:lockTx': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:markBroadcast': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:openAmong': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:sentTxsOf': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:signersWithWork': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
  'src/server/chain/tx-manager/repo.ts:updateTx': "platform chain transaction manager: one signer's nonces span every tenant (multi-shard on Citus)",
};

function repoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? repoFiles(p) : e.name === 'repo.ts' ? [p] : [];
  });
}

/** The name of the function a position sits in (the nearest declaration above it). */
function enclosingFunction(src: string, at: number): string {
  const before = src.slice(0, at);
  const re = /(?:^|\n)(?:export\s+)?(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+)\s*=)/g;
  let name = '?';
  for (let m; (m = re.exec(before)); ) name = m[1] ?? m[2] ?? name;
  return name;
}

/** Statements on the given tables whose own text lacks tenant_id: `file:function table`. */
function statementsWithoutTenantId(distributed: Set<string>): string[] {
  return [...new Set(repoFiles(path.resolve('src/server')).flatMap((file) => scanSource(path.relative(process.cwd(), file), readFileSync(file, 'utf8'), distributed)))].sort();
}

function scanSource(rel: string, src: string, distributed: Set<string>): string[] {
  const out = new Set<string>();
  {
    // kysely builders: from the table to the statement's execute.
    for (const m of src.matchAll(/\.(selectFrom|updateTable|deleteFrom)\(\s*'(\w+)/g)) {
      if (!distributed.has(m[2]!)) continue;
      const end = src.indexOf('.execute', m.index!);
      const text = src.slice(m.index!, end > 0 ? end : undefined);
      if (!/tenant_id/.test(text)) out.add(`${rel}:${enclosingFunction(src, m.index!)} ${m[2]}`);
    }
    // sql`` templates: every table read, joined or written must come with tenant_id in the template.
    for (const m of src.matchAll(/sql(?:<[^>`]*>)?`([^`]*)`/g)) {
      const text = m[1]!;
      const named = [...text.matchAll(/\b(?:from|join|update|into)\s+(\w+)/gi)].map((x) => x[1]!).filter((t) => distributed.has(t));
      if (named.length && !/tenant_id/.test(text)) out.add(`${rel}:${enclosingFunction(src, m.index!)} ${named.join(',')}`);
    }
  }
  return [...out];
}

describe('repository statements carry the explicit tenant_id filter (static, over every repo.ts)', () => {
  it('every statement on a distributed table names tenant_id, or is listed with its reason', async () => {
    const distributed = new Set((await tables()).filter(isDistributed).map((t) => t.name));
    const found = statementsWithoutTenantId(distributed);
    const unexplained = found.filter((f) => !(f.split(' ')[0]! in WITHOUT_TENANT_ID_IN_TEXT));
    expect(unexplained).toEqual([]);
    // The list holds nothing stale: each entry still names a statement found above.
    const stale = Object.keys(WITHOUT_TENANT_ID_IN_TEXT).filter((k) => !found.some((f) => f.startsWith(`${k} `)));
    expect(stale).toEqual([]);
  });

  it('the scan catches statements without tenant_id and passes those with it (checked on samples)', () => {
    const sample = [
      'export async function leak(db: Db) {',
      "  return db.selectFrom('deals').selectAll().where('id', '=', x).execute();",
      '}',
      'export async function fine(t: TenantTx) {',
      "  return t.tx.selectFrom('deals').selectAll().where('tenant_id', '=', t.tenantId).execute();",
      '}',
      'export const raw = (t: TenantTx) => sql`update investments set status = 1 where id = ${x}`.execute(t.tx);',
      "export const platform = (db: Db) => db.selectFrom('tenants').selectAll().execute();",
    ].join('\n');
    expect(scanSource('x/repo.ts', sample, new Set(['deals', 'investments'])).sort()).toEqual(['x/repo.ts:leak deals', 'x/repo.ts:raw investments']);
  });
});
