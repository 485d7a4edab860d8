import { listOwnIssuerDocuments, uploadIssuerDocument } from '@/server/documents/issuer-documents';
import { issuerDocumentQuery } from '@/server/documents/schema';
import { readUploadBody } from '@/server/documents/upload-body';
import { json, route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => listOwnIssuerDocuments(tenant, principal));

/** The file is the raw request body; ?title=&kind=&fileName= describe it. */
export const POST = route({ auth: 'user', query: issuerDocumentQuery }, async ({ req, tenant, principal, query, meta }) => {
  const bytes = await readUploadBody(req, 'document');
  return json(await uploadIssuerDocument(tenant, principal, query, bytes, meta), { status: 201 });
});
