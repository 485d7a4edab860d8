/**
 * Tenant import: a fresh installation (or the original, after the tenant was deleted there)
 * takes an export archive back with the same ids, history and audit trail. Everything happens in
 * one transaction: each table's NDJSON is COPYed FROM STDIN into a scratch table and inserted in
 * foreign-key order; any mismatch with the manifest (rows, SHA-256, schema) rolls all of it back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type pg from 'pg';
import { extract } from 'tar-stream';
import { beginTenantTransaction, withOwnerClient } from '../db/copy';
import type { PlatformActor } from '../db/platform';
import { Conflict, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { DiskFileStore } from '../storage';
import { ident, schemaVersion, tenantTables, TENANTS_TABLE, type TenantTable } from './catalog';
import { NDJSON_COPY_OPTIONS } from './export';
import { archiveHeader, archiveManifest, type ArchiveHeader, type ArchiveManifest } from './manifest';

export type ImportOptions = { databaseUrl?: string; dataDir: string; actor: PlatformActor };

const invalid = (message: string) => new ValidationError([{ field: 'archive', message }]);

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function hashing(): { stream: Transform; digest: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, digest: () => ({ sha256: hash.digest('hex'), bytes }) };
}

async function refuseExisting(client: pg.Client, header: ArchiveHeader): Promise<void> {
  const { rows } = await client.query<{ id: string; slug: string }>('select id, slug::text from tenants where id = $1 or slug = $2', [header.tenant.id, header.tenant.slug]);
  const clash = rows[0];
  if (!clash) return;
  const what = clash.id === header.tenant.id ? `id ${header.tenant.id}` : `slug "${header.tenant.slug}"`;
  throw new Conflict('tenant_exists', `A tenant with ${what} already exists on this installation; delete it first to restore the archive over it`);
}

type Seen = { rows: number; sha256: string; bytes: number };

async function importTable(client: pg.Client, table: TenantTable, entry: AsyncIterable<unknown>): Promise<Seen> {
  await client.query('truncate import_rows');
  const h = hashing();
  const copy = client.query(copyFrom(`copy import_rows (doc) from stdin ${NDJSON_COPY_OPTIONS}`));
  await pipeline(entry, h.stream, copy);
  const cols = table.insertable.map(ident).join(', ');
  const inserted = await client.query(`insert into ${ident(table.name)} (${cols}) select ${table.insertable.map((c) => `r.${ident(c)}`).join(', ')} from import_rows, json_populate_record(null::${ident(table.name)}, doc) r`);
  if (inserted.rowCount !== copy.rowCount) throw new Error(`${table.name}: ${copy.rowCount} rows read, ${inserted.rowCount} inserted`);
  return { rows: copy.rowCount, ...h.digest() };
}

function checkAgainstManifest(manifest: ArchiveManifest, tables: Map<string, Seen>, files: Map<string, Seen>): void {
  const problems: string[] = [];
  for (const t of manifest.tables) {
    const seen = tables.get(t.table);
    if (!seen) problems.push(`${t.file} is missing`);
    else if (seen.rows !== t.rows || seen.sha256 !== t.sha256) problems.push(`${t.file}: ${seen.rows} rows / ${seen.sha256} read, manifest says ${t.rows} / ${t.sha256}`);
  }
  for (const f of manifest.files) {
    const seen = files.get(f.cid);
    if (!seen || seen.sha256 !== f.sha256) problems.push(`${f.file} is missing or altered`);
  }
  if (tables.size !== manifest.tables.length || files.size !== manifest.files.length) problems.push('the archive holds entries its manifest does not list');
  if (problems.length) throw new ValidationError(problems.slice(0, 20).map((message) => ({ field: 'archive', message })));
}

export async function importTenant(archiveFile: string, opts: ImportOptions): Promise<ArchiveManifest> {
  const files = new DiskFileStore(path.join(opts.dataDir, 'files'));
  return withOwnerClient(opts.databaseUrl, async (client) => {
    const catalog = new Map((await tenantTables(client)).map((t) => [t.name, t]));
    const ourSchema = await schemaVersion(client);
    const tar = extract();
    const source = createReadStream(archiveFile);
    source.on('error', (err) => tar.destroy(err));
    source.pipe(tar);
    let header: ArchiveHeader | null = null;
    let manifest: ArchiveManifest | null = null;
    const seenTables = new Map<string, Seen>();
    const seenFiles = new Map<string, Seen>();
    let begun = false;
    try {
      for await (const entry of tar) {
        const name = entry.header.name;
        if (!header) {
          if (name !== 'export.json') throw invalid('not a tenant export (export.json must come first)');
          const parsed = archiveHeader.safeParse(JSON.parse((await readAll(entry)).toString('utf8')));
          if (!parsed.success) throw invalid('export.json is not a tenant export header of a version this installation reads');
          header = parsed.data;
          if (header.schemaVersion !== ourSchema) throw invalid(`the archive was made at schema ${header.schemaVersion}; this installation is at ${ourSchema}: migrate both to the same version first`);
          await beginTenantTransaction(client, header.tenant.id, 'write');
          begun = true;
          await refuseExisting(client, header);
          await client.query('create temp table import_rows (doc json) on commit drop');
          continue;
        }
        const tableMatch = /^tables\/([a-z0-9_]+)\.ndjson$/.exec(name);
        if (tableMatch) {
          const table = catalog.get(tableMatch[1]!);
          if (!table) throw invalid(`the archive has table ${tableMatch[1]} which this installation does not`);
          seenTables.set(table.name, await importTable(client, table, entry));
          continue;
        }
        const fileMatch = /^files\/([a-z0-9]+)$/.exec(name);
        if (fileMatch) {
          const bytes = await readAll(entry);
          await files.putStored(fileMatch[1]!, bytes);
          seenFiles.set(fileMatch[1]!, { rows: 0, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
          continue;
        }
        if (name === 'manifest.json') {
          const parsed = archiveManifest.safeParse(JSON.parse((await readAll(entry)).toString('utf8')));
          if (!parsed.success) throw invalid('manifest.json is malformed');
          manifest = parsed.data;
          continue;
        }
        throw invalid(`unexpected archive entry ${name}`);
      }
      if (!header || !manifest) throw invalid('the archive is incomplete (no manifest.json): it was cut short');
      if (!seenTables.has(TENANTS_TABLE)) throw invalid('the archive has no tenants row');
      checkAgainstManifest(manifest, seenTables, seenFiles);
      await client.query(
        `insert into platform_audit_logs (id, admin_id, action, target_tenant_id, target, metadata, ip, user_agent) values ($1, $2, 'tenant.import', $3, $4, $5, $6, $7)`,
        [uuidv7(), opts.actor.adminId, header.tenant.id, header.tenant.slug, JSON.stringify({ schemaVersion: header.schemaVersion, exportedAt: header.exportedAt, rows: manifest.tables.reduce((n, t) => n + t.rows, 0) }), opts.actor.ip ?? null, opts.actor.userAgent ?? null],
      );
      await client.query('commit');
      return manifest;
    } catch (err) {
      if (begun) await client.query('rollback').catch(() => {});
      source.destroy();
      throw mapDatabaseError(err);
    }
  });
}

/**
 * A domain or alias another tenant holds here surfaces as a unique violation; rows that are not
 * JSON, not of their column's type or that point at missing parents mean a damaged archive.
 */
function mapDatabaseError(err: unknown): unknown {
  const e = err as { code?: string; detail?: string; constraint?: string; message?: string };
  if (e.code === '23505') return new Conflict('tenant_exists', `The archive clashes with data on this installation (${e.detail ?? e.constraint ?? 'a unique key'}); nothing was imported`);
  if (e.code === '23503' || e.code === '23502' || e.code === '23514' || e.code?.startsWith('22')) return invalid(`the archive is damaged (${e.message}); nothing was imported`);
  if (err instanceof Error && /tar header|Unexpected end/.test(err.message)) return invalid(`the archive is not a readable tar file (${err.message})`);
  return err;
}
