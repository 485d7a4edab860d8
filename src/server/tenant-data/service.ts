/**
 * Tenant moves, for the platform operator: an export is requested (audited), queued in
 * tenant_exports and run by the job worker (or at once by the CLI), its progress recorded as it goes;
 * import and deletion are audited platform operations (import.ts, delete.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '../config';
import { withPlatform, type PlatformActor } from '../db/platform';
import { ownerDb } from '../db/pool';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { findTenantBySlug } from '../platform/repo';
import { invalidateTenantCache } from '../tenancy/resolve';
import { deleteTenant } from './delete';
import { exportTenant } from './export';
import { importTenant } from './import';
import type { ArchiveManifest } from './manifest';
import { claimQueuedExport, findExport, finishExport, insertExport, recordExportProgress } from './repo';

export async function requestTenantExport(actor: PlatformActor, slug: string): Promise<{ id: string; tenantId: string }> {
  const id = uuidv7();
  let tenantId = '';
  await withPlatform(actor, { action: 'tenant.export', target: slug, metadata: { exportId: id } }, async (tx) => {
    const tenant = await findTenantBySlug(tx, slug);
    if (!tenant) throw new NotFound(`No tenant has the slug "${slug}"`, 'tenant_not_found');
    tenantId = tenant.id;
    await insertExport(tx, { id, tenantId, slug, requestedBy: actor.adminId });
  });
  return { id, tenantId };
}

export const defaultExportPath = (slug: string, id: string) => path.resolve(getConfig().DATA_DIR, 'exports', `${slug}-${id}.tar`);

/** Runs one claimed export to its file, recording progress after every table. */
async function runExport(row: { id: string; target_tenant_id: string; slug: string }, outFile?: string): Promise<ArchiveManifest> {
  const file = outFile ?? defaultExportPath(row.slug, row.id);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    const manifest = await exportTenant(row.target_tenant_id, file, {
      dataDir: getConfig().DATA_DIR,
      onProgress: (p) => recordExportProgress(ownerDb(), row.id, p),
    });
    const manifestSha256 = createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
    await finishExport(ownerDb(), row.id, { filePath: file, manifestSha256 });
    return manifest;
  } catch (err) {
    await finishExport(ownerDb(), row.id, { error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}

/** The job worker's part: every queued export, oldest first, one at a time. */
export async function runQueuedExports(log: (m: string) => void = () => {}): Promise<number> {
  let n = 0;
  for (;;) {
    const row = await ownerDb().transaction().execute((tx) => claimQueuedExport(tx));
    if (!row) return n;
    try {
      const m = await runExport(row);
      log(`tenant export ${row.id} (${row.slug}): ${m.tables.reduce((s, t) => s + t.rows, 0)} rows, ${m.files.length} files`);
    } catch (err) {
      log(`tenant export ${row.id} (${row.slug}) failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    n += 1;
  }
}

/** CLI: request and run the export at once, to the given file. */
export async function exportTenantNow(actor: PlatformActor, slug: string, outFile: string): Promise<ArchiveManifest> {
  const { id } = await requestTenantExport(actor, slug);
  const row = await ownerDb().transaction().execute((tx) => claimQueuedExport(tx));
  if (!row || row.id !== id) throw new Error('another worker took this export; watch it with its id ' + id);
  return runExport(row, path.resolve(outFile));
}

export async function tenantExportStatus(id: string) {
  const row = await findExport(ownerDb(), id);
  if (!row) throw new NotFound(`No export has the id ${id}`, 'export_not_found');
  return {
    id: row.id,
    tenantId: row.target_tenant_id,
    slug: row.slug,
    status: row.status,
    tablesTotal: row.tables_total,
    tablesDone: row.tables_done,
    rowsDone: Number(row.rows_done),
    bytesWritten: Number(row.bytes_written),
    file: row.file_path,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export async function importTenantArchive(actor: PlatformActor, file: string): Promise<ArchiveManifest> {
  const manifest = await importTenant(path.resolve(file), { dataDir: getConfig().DATA_DIR, actor });
  invalidateTenantCache();
  return manifest;
}

export async function deleteTenantData(actor: PlatformActor, slug: string, confirmSlug: string): Promise<{ id: string; rows: number }> {
  const result = await deleteTenant(actor, slug, { confirmSlug });
  invalidateTenantCache(result.id);
  return result;
}
