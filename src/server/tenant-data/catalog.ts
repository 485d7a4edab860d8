/**
 * What belongs to a tenant, read from the database catalog so that a table added by a later
 * migration is exported, imported, deleted and scrubbed without anyone remembering to list it:
 * every table of the public schema with a tenant_id column, plus the tenants row itself.
 */
import type pg from 'pg';

export type TenantTable = {
  name: string;
  /** Every column, in table order (the order row_to_json writes them). */
  columns: string[];
  /** Columns an INSERT may write (generated columns are recomputed by the server). */
  insertable: string[];
  /** Primary key, or every column when there is none: the export's stable row order. */
  orderBy: string[];
  /** Columns naming stored files by CID (`cid`, `*_cid`). */
  cidColumns: string[];
  /** Text and jsonb columns (erasure scrubs personal values out of them). */
  textColumns: { name: string; type: 'text' | 'json' | 'jsonb' }[];
};

export const TENANTS_TABLE = 'tenants';

const TABLES_SQL = `
  select c.oid, c.relname as name
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    and (c.relname = 'tenants' or exists (
      select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped))`;

const COLUMNS_SQL = `
  select a.attrelid as oid, a.attname as name, a.attgenerated <> '' as generated,
         format_type(a.atttypid, a.atttypmod) as type,
         coalesce((select true from pg_index i where i.indrelid = a.attrelid and i.indisprimary and a.attnum = any(i.indkey)), false) as pk,
         (select array_position(i.indkey::int2[], a.attnum) from pg_index i where i.indrelid = a.attrelid and i.indisprimary) as pk_pos
  from pg_attribute a
  where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
  order by a.attrelid, a.attnum`;

const FKS_SQL = `
  select conrelid as child, confrelid as parent from pg_constraint
  where contype = 'f' and conrelid = any($1::oid[]) and confrelid = any($1::oid[]) and conrelid <> confrelid`;

const TEXT_TYPES: Record<string, 'text' | 'json' | 'jsonb'> = { text: 'text', citext: 'text', 'character varying': 'text', character: 'text', json: 'json', jsonb: 'jsonb' };

function textType(type: string): 'text' | 'json' | 'jsonb' | null {
  return TEXT_TYPES[type.replace(/\(\d+\)$/, '')] ?? null;
}

/** Tenant tables, parents before children (foreign keys), the tenants row first. */
export async function tenantTables(client: pg.ClientBase): Promise<TenantTable[]> {
  const tables = (await client.query<{ oid: number; name: string }>(TABLES_SQL)).rows;
  const oids = tables.map((t) => t.oid);
  const cols = (await client.query<{ oid: number; name: string; generated: boolean; type: string; pk: boolean; pk_pos: number | null }>(COLUMNS_SQL, [oids])).rows;
  const fks = (await client.query<{ child: number; parent: number }>(FKS_SQL, [oids])).rows;
  const byOid = new Map<number, TenantTable>();
  for (const t of tables) byOid.set(t.oid, { name: t.name, columns: [], insertable: [], orderBy: [], cidColumns: [], textColumns: [] });
  const pkPos = new Map<string, number>();
  for (const c of cols) {
    const t = byOid.get(c.oid)!;
    t.columns.push(c.name);
    if (!c.generated) t.insertable.push(c.name);
    if (c.pk) pkPos.set(`${c.oid}.${c.name}`, c.pk_pos ?? 0);
    if (c.name === 'cid' || c.name.endsWith('_cid')) t.cidColumns.push(c.name);
    const tt = textType(c.type);
    if (tt && !c.generated) t.textColumns.push({ name: c.name, type: tt });
  }
  for (const [oid, t] of byOid) {
    const pk = t.columns.filter((c) => pkPos.has(`${oid}.${c}`)).sort((a, b) => pkPos.get(`${oid}.${a}`)! - pkPos.get(`${oid}.${b}`)!);
    t.orderBy = pk.length ? pk : t.insertable;
  }
  return topoSort(byOid, fks);
}

/** Kahn's algorithm with a name tie-break, so the order is the same on every installation. */
function topoSort(byOid: Map<number, TenantTable>, fks: { child: number; parent: number }[]): TenantTable[] {
  const parents = new Map<number, Set<number>>();
  for (const oid of byOid.keys()) parents.set(oid, new Set());
  for (const fk of fks) parents.get(fk.child)!.add(fk.parent);
  const out: TenantTable[] = [];
  const done = new Set<number>();
  while (done.size < byOid.size) {
    const ready = [...byOid.keys()].filter((o) => !done.has(o) && [...parents.get(o)!].every((p) => done.has(p)));
    if (ready.length === 0) throw new Error('tenant tables have a foreign-key cycle; the export order cannot be decided');
    ready.sort((a, b) => (byOid.get(a)!.name < byOid.get(b)!.name ? -1 : 1));
    const next = ready[0]!;
    done.add(next);
    out.push(byOid.get(next)!);
  }
  return out;
}

export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The rows of one table that belong to the tenant (the tenants row by its id). */
export function tenantFilter(table: TenantTable, idLiteral: string): string {
  return table.name === TENANTS_TABLE ? `id = ${idLiteral}` : `tenant_id = ${idLiteral}`;
}

/** The latest applied migration: an archive imports only into the same schema. */
export async function schemaVersion(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ name: string }>('select name from pgmigrations order by name desc limit 1');
  return rows[0]?.name ?? 'none';
}
