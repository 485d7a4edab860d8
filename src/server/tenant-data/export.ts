/**
 * Tenant export: one tar archive with export.json, an NDJSON file per tenant table (COPY ...
 * TO STDOUT through pg-copy-streams, rows in primary-key order inside one repeatable-read
 * snapshot), the tenant's stored files, and manifest.json with row counts and SHA-256 per entry.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import { beginTenantTransaction, uuidLiteral, withOwnerClient } from '../db/copy';
import { NotFound } from '../errors';
import { DiskFileStore } from '../storage';
import { ident, schemaVersion, tenantFilter, tenantTables, type TenantTable } from './catalog';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, storedFile, tableFile, type ArchiveHeader, type ArchiveManifest, type FileEntry, type TableEntry } from './manifest';
import { TarFileWriter } from './tar-writer';

export type ExportProgress = { tablesTotal: number; tablesDone: number; rowsDone: number; bytesWritten: number };
export type ExportOptions = {
  /** Owner URL of the database to read; default: this installation's. */
  databaseUrl?: string;
  /** DATA_DIR whose files/ holds the tenant's stored files. */
  dataDir: string;
  onProgress?: (p: ExportProgress) => Promise<void> | void;
};

/**
 * One JSON document per line: CSV with a quote and a delimiter that JSON text never holds
 * raw (control characters are escaped in JSON), so COPY writes each document unchanged.
 */
export const NDJSON_COPY_OPTIONS = `(format csv, quote e'\\x01', delimiter e'\\x02')`;

export function selectRowsSql(table: TenantTable, idLiteral: string): string {
  return `select row_to_json(r)::text from ${ident(table.name)} r where ${tenantFilter(table, idLiteral)} order by ${table.orderBy.map(ident).join(', ')}`;
}

async function copyTable(client: pg.Client, sqlText: string, write: (chunk: Uint8Array) => Promise<void>, hash: ReturnType<typeof createHash>): Promise<number> {
  const stream = client.query(copyTo(`copy (${sqlText}) to stdout ${NDJSON_COPY_OPTIONS}`));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    await write(chunk);
  }
  return stream.rowCount;
}

async function tenantCids(client: pg.Client, tables: TenantTable[], idLiteral: string): Promise<string[]> {
  const parts = tables.flatMap((t) => t.cidColumns.map((c) => `select ${ident(c)} as cid from ${ident(t.name)} where ${tenantFilter(t, idLiteral)} and ${ident(c)} is not null`));
  if (parts.length === 0) return [];
  const { rows } = await client.query<{ cid: string }>(`select distinct cid from (${parts.join(' union all ')}) c order by cid`);
  return rows.map((r) => r.cid);
}

export async function exportTenant(tenantId: string, outFile: string, opts: ExportOptions): Promise<ArchiveManifest> {
  const files = new DiskFileStore(path.join(opts.dataDir, 'files'));
  return withOwnerClient(opts.databaseUrl, async (client) => {
    await beginTenantTransaction(client, tenantId, 'read');
    try {
      const tenant = (await client.query<{ id: string; slug: string; name: string }>('select id, slug::text, name from tenants where id = $1', [tenantId])).rows[0];
      if (!tenant) throw new NotFound(`No tenant has the id ${tenantId}`, 'tenant_not_found');
      const idLiteral = uuidLiteral(tenantId);
      const tables = await tenantTables(client);
      const header: ArchiveHeader = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, schemaVersion: await schemaVersion(client), tenant, exportedAt: new Date().toISOString() };
      const progress: ExportProgress = { tablesTotal: tables.length, tablesDone: 0, rowsDone: 0, bytesWritten: 0 };
      const handle = await open(outFile, 'w', 0o600);
      try {
        const tar = new TarFileWriter(handle);
        await tar.entry('export.json', (write) => write(Buffer.from(JSON.stringify(header, null, 2))));
        const tableEntries: TableEntry[] = [];
        for (const table of tables) {
          const hash = createHash('sha256');
          let rows = 0;
          const bytes = await tar.entry(tableFile(table.name), async (write) => {
            rows = await copyTable(client, selectRowsSql(table, idLiteral), write, hash);
          });
          tableEntries.push({ table: table.name, file: tableFile(table.name), rows, bytes, sha256: hash.digest('hex') });
          progress.tablesDone += 1;
          progress.rowsDone += rows;
          progress.bytesWritten += bytes;
          await opts.onProgress?.(progress);
        }
        const fileEntries: FileEntry[] = [];
        const missingFiles: string[] = [];
        for (const cid of await tenantCids(client, tables, idLiteral)) {
          // get() proves the bytes still hash to their CID; encrypted files move as ciphertext.
          const bytes = await files.get(cid);
          if (!bytes) {
            missingFiles.push(cid);
            continue;
          }
          await tar.entry(storedFile(cid), (write) => write(bytes));
          fileEntries.push({ cid, file: storedFile(cid), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
          progress.bytesWritten += bytes.length;
        }
        const manifest: ArchiveManifest = { ...header, tables: tableEntries, files: fileEntries, missingFiles };
        await tar.entry('manifest.json', (write) => write(Buffer.from(JSON.stringify(manifest, null, 2))));
        await tar.end();
        await opts.onProgress?.(progress);
        return manifest;
      } finally {
        await handle.close();
      }
    } finally {
      await client.query('rollback').catch(() => {});
    }
  });
}
