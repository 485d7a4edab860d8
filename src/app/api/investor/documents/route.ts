import { listOwnInvestorDocuments, uploadInvestorDocument } from '@/server/documents/investor-documents';
import { investorDocumentQuery } from '@/server/documents/schema';
import { readUploadBody } from '@/server/documents/upload-body';
import { json, route } from '@/server/http/route';

// The seed's /api/investor/documents: the signed-in investor's own documents.
export const GET = route({ roles: ['investor'] }, async ({ tenant, principal }) => listOwnInvestorDocuments(tenant, principal));

/** The file is the raw request body; ?title=&kind=&fileName= describe it. */
export const POST = route({ roles: ['investor'], query: investorDocumentQuery }, async ({ req, tenant, principal, query, meta }) => {
  const bytes = await readUploadBody(req, 'document');
  return json(await uploadInvestorDocument(tenant, principal, { ...query, requiredForInvestors: false }, bytes, meta), { status: 201 });
});
