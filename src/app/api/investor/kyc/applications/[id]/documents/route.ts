import { readUploadBody } from '@/server/documents/upload-body';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { uploadDocument } from '@/server/kyc/investor';
import { uploadDocumentQuery } from '@/server/kyc/schema';

// The file is the raw request body (any content type; the type is sniffed from the bytes).
export const POST = route({ auth: 'user', query: uploadDocumentQuery }, async ({ req, tenant, principal, params, query, meta, config }) => {
  const { id } = parseWith(idParams, params);
  const bytes = await readUploadBody(req, 'kyc');
  return json(await uploadDocument(tenant, principal, id, query.kind, bytes, meta, config), { status: 201 });
});
