import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import { requireWriteAccess } from './access';
import { addDocumentVersion, findDocumentById } from './service';

/** POST /api/documents/[id]/versions: the owner uploads a new version of a document. */
export async function uploadDocumentVersion(tenant: TenantContext, p: Principal, documentId: string, fileName: string, bytes: Uint8Array, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const doc = await findDocumentById(t, documentId);
    await requireWriteAccess(t, p, doc);
    return addDocumentVersion(t, p, doc, fileName, bytes, meta);
  });
}
