import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { requireOwnIssuer } from '../issuers/service';
import type { TenantContext } from '../tenancy/resolve';
import type { NewDocumentInput } from './schema';
import { createDocument, documentsOf } from './service';

/** An issuer's own verification document (certificate of incorporation, good standing, ...). */
export async function uploadIssuerDocument(tenant: TenantContext, p: Principal, input: NewDocumentInput, bytes: Uint8Array, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    return createDocument(t, p, { type: 'issuer', id: issuer.id }, input, bytes, meta);
  });
}

export async function listOwnIssuerDocuments(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    return { documents: await documentsOf(t, { type: 'issuer', id: issuer.id }, { includeArchived: true }) };
  });
}

/** For the tenant's reviewers deciding on an issuer's verification. */
export async function listIssuerDocumentsForReview(tenant: TenantContext, reviewer: Principal, issuerId: string) {
  return withTenant(tenant.id, { userId: reviewer.userId }, async (t) => ({
    documents: await documentsOf(t, { type: 'issuer', id: issuerId }, { includeArchived: true }),
  }));
}
