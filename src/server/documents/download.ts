import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { requireOversightAccess, requireReadAccess } from './access';
import { fileStore } from './file-store';
import { findVersion, insertAccessLog, listAccessLogs } from './repo';
import { findDocumentById } from './service';

/**
 * One version of a document (the current one by default) for a caller allowed to read it;
 * every read is written to document_access_logs in the same transaction.
 */
export async function downloadDocument(tenant: TenantContext, p: Principal, documentId: string, version: number | undefined, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const doc = await findDocumentById(t, documentId);
    await requireReadAccess(t, p, doc);
    const v = await findVersion(t, doc.id, version ?? doc.current_version);
    if (!v) throw new NotFound(`Version ${version} of this document does not exist`, 'version_not_found');
    const bytes = await fileStore().get(v.cid);
    if (!bytes) throw new NotFound('The stored file is missing', 'file_missing');
    await insertAccessLog(t, { id: uuidv7(), documentId: doc.id, version: v.version, userId: p.userId, ip: meta.ip, userAgent: meta.userAgent });
    return { bytes, mime: v.mime, fileName: v.file_name };
  });
}

/** Who read a document and when, newest first: for its owner and the tenant's reviewers. */
export async function documentAccessLog(tenant: TenantContext, p: Principal, documentId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const doc = await findDocumentById(t, documentId);
    await requireOversightAccess(t, p, doc);
    const rows = await listAccessLogs(t, doc.id, 500);
    return {
      entries: rows.map((r) => ({ id: r.id, version: r.version, userId: r.user_id, action: r.action, ip: r.ip, userAgent: r.user_agent, at: r.created_at.toISOString() })),
    };
  });
}
