import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types';

export type ExportRow = Database['tenant_exports'];

export async function insertExport(tx: Kysely<Database>, row: { id: string; tenantId: string; slug: string; requestedBy: string | null }): Promise<void> {
  await tx.insertInto('tenant_exports').values({ id: row.id, target_tenant_id: row.tenantId, slug: row.slug, requested_by: row.requestedBy }).execute();
}

/** The oldest queued export, claimed so a second worker passes it by. */
export async function claimQueuedExport(tx: Kysely<Database>) {
  const row = await tx.selectFrom('tenant_exports').selectAll().where('status', '=', 'queued').orderBy('created_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
  if (!row) return null;
  await tx.updateTable('tenant_exports').set({ status: 'running', updated_at: sql`now()` }).where('id', '=', row.id).execute();
  return row;
}

export async function recordExportProgress(tx: Kysely<Database>, id: string, p: { tablesTotal: number; tablesDone: number; rowsDone: number; bytesWritten: number }): Promise<void> {
  await tx
    .updateTable('tenant_exports')
    .set({ tables_total: p.tablesTotal, tables_done: p.tablesDone, rows_done: String(p.rowsDone), bytes_written: String(p.bytesWritten), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function finishExport(tx: Kysely<Database>, id: string, outcome: { filePath: string; manifestSha256: string } | { error: string }): Promise<void> {
  await tx
    .updateTable('tenant_exports')
    .set(
      'error' in outcome
        ? { status: 'failed', error: outcome.error.slice(0, 2000), updated_at: sql`now()`, finished_at: sql`now()` }
        : { status: 'done', file_path: outcome.filePath, manifest_sha256: outcome.manifestSha256, updated_at: sql`now()`, finished_at: sql`now()` },
    )
    .where('id', '=', id)
    .execute();
}

export function findExport(tx: Kysely<Database>, id: string) {
  return tx.selectFrom('tenant_exports').selectAll().where('id', '=', id).executeTakeFirst();
}
