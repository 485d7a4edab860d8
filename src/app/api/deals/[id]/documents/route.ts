import { listDealDocuments, uploadDealDocument } from '@/server/deal-content/deal-documents';
import { dealParams } from '@/server/deal-content/schema';
import { newDocumentQuery } from '@/server/documents/schema';
import { readUploadBody } from '@/server/documents/upload-body';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealDocuments(tenant, principal, parseWith(dealParams, params).id));

/** The file is the raw request body; ?title=&kind=&fileName=&requiredForInvestors= describe it. */
export const POST = route({ auth: 'user', query: newDocumentQuery }, async ({ req, tenant, principal, params, query, meta }) => {
  const dealId = parseWith(dealParams, params).id;
  const bytes = await readUploadBody(req, 'document');
  return json(await uploadDealDocument(tenant, principal, dealId, query, bytes, meta), { status: 201 });
});
