import type { Updateable } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { DocumentsTable } from '../db/types';

export type OwnerType = 'issuer' | 'deal' | 'investor';

export async function insertDocument(
  t: TenantTx,
  row: { id: string; ownerType: OwnerType; ownerId: string; title: string; kind: string; requiredForInvestors: boolean; createdBy: string },
): Promise<void> {
  await t.tx
    .insertInto('documents')
    .values({
      tenant_id: t.tenantId,
      id: row.id,
      owner_type: row.ownerType,
      owner_id: row.ownerId,
      title: row.title,
      kind: row.kind,
      required_for_investors: row.requiredForInvestors,
      created_by: row.createdBy,
    })
    .execute();
  // The link tables give each owner a foreign key to its documents.
  if (row.ownerType === 'deal') await t.tx.insertInto('deal_documents').values({ tenant_id: t.tenantId, deal_id: row.ownerId, document_id: row.id }).execute();
  if (row.ownerType === 'issuer') await t.tx.insertInto('issuer_documents').values({ tenant_id: t.tenantId, issuer_id: row.ownerId, document_id: row.id }).execute();
}

export async function insertVersion(
  t: TenantTx,
  row: { documentId: string; version: number; cid: string; fileName: string; mime: string; size: number; sha256: string; uploadedBy: string },
): Promise<void> {
  await t.tx
    .insertInto('document_versions')
    .values({
      tenant_id: t.tenantId,
      document_id: row.documentId,
      version: row.version,
      cid: row.cid,
      file_name: row.fileName,
      mime: row.mime,
      size_bytes: row.size,
      sha256: row.sha256,
      uploaded_by: row.uploadedBy,
    })
    .execute();
}

/** Takes the next version number under a row lock, so concurrent uploads never collide. */
export async function bumpVersion(t: TenantTx, documentId: string): Promise<number | null> {
  const r = await t.tx
    .updateTable('documents')
    .set((eb) => ({ current_version: eb('current_version', '+', 1) }))
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', documentId)
    .returning('current_version')
    .executeTakeFirst();
  return r?.current_version ?? null;
}

export async function findDocument(t: TenantTx, id: string) {
  return t.tx.selectFrom('documents').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}
export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export async function updateDocument(t: TenantTx, id: string, patch: Pick<Updateable<DocumentsTable>, 'title' | 'kind' | 'required_for_investors' | 'archived_at'>): Promise<boolean> {
  const r = await t.tx.updateTable('documents').set(patch).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findVersion(t: TenantTx, documentId: string, version: number) {
  return t.tx
    .selectFrom('document_versions')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(t: TenantTx, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return t.tx
    .selectFrom('document_versions')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('version', 'desc')
    .execute();
}
export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

export async function listDocumentsOf(t: TenantTx, ownerType: OwnerType, ownerId: string, opts: { includeArchived: boolean }) {
  let q = t.tx.selectFrom('documents').selectAll().where('tenant_id', '=', t.tenantId).where('owner_type', '=', ownerType).where('owner_id', '=', ownerId);
  if (!opts.includeArchived) q = q.where('archived_at', 'is', null);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function insertAccessLog(t: TenantTx, row: { id: string; documentId: string; version: number; userId: string | null; ip: string | null; userAgent: string | null }): Promise<void> {
  await t.tx
    .insertInto('document_access_logs')
    .values({ tenant_id: t.tenantId, id: row.id, document_id: row.documentId, version: row.version, user_id: row.userId, action: 'download', ip: row.ip, user_agent: row.userAgent })
    .execute();
}

export async function listAccessLogs(t: TenantTx, documentId: string, limit: number) {
  return t.tx
    .selectFrom('document_access_logs')
    .select(['id', 'version', 'user_id', 'action', 'ip', 'user_agent', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('document_id', '=', documentId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
