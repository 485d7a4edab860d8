import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import type { NewDocumentInput } from './schema';
import { createDocument, documentsOf } from './service';

// An investor's own documents (proof of funds, a signed subscription, tax forms): owned by the
// user, readable by them and the tenant's reviewers (access.ts), stored and audited as every
// document is (service.ts).

/** POST /api/investor/documents */
export async function uploadInvestorDocument(tenant: TenantContext, p: Principal, input: NewDocumentInput, bytes: Uint8Array, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, (t) => createDocument(t, p, { type: 'investor', id: p.userId }, input, bytes, meta));
}

/** GET /api/investor/documents */
export async function listOwnInvestorDocuments(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => ({ documents: await documentsOf(t, { type: 'investor', id: p.userId }, { includeArchived: false }) }));
}
