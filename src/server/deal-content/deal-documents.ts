import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { NewDocumentInput } from '../documents/schema';
import { changeDocument, createDocument, documentsOf, requireDocumentOf, type DocumentPatch } from '../documents/service';
import type { TenantContext } from '../tenancy/resolve';
import { withOwnDeal, withVisibleDeal } from './access';

/** A deal's documents; archived ones only for its issuer and admins. */
export function listDealDocuments(tenant: TenantContext, p: Principal | null, dealId: string) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal, privileged }) => ({
    documents: await documentsOf(t, { type: 'deal', id: deal.id }, { includeArchived: privileged }),
  }));
}

export function uploadDealDocument(tenant: TenantContext, p: Principal, dealId: string, input: NewDocumentInput, bytes: Uint8Array, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, (t, deal) => createDocument(t, p, { type: 'deal', id: deal.id }, input, bytes, meta));
}

/** Title, kind, the required-for-investors flag, or archiving (DELETE archives; versions stay). */
export function changeDealDocument(tenant: TenantContext, p: Principal, dealId: string, documentId: string, patch: DocumentPatch, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const doc = await requireDocumentOf(t, { type: 'deal', id: deal.id }, documentId);
    return changeDocument(t, p, doc, patch, meta);
  });
}
