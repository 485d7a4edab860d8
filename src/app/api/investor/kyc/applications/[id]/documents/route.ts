import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { uploadDocument } from '@/server/kyc/investor';
import { readRawBody } from '@/server/kyc/raw-body';
import { uploadDocumentQuery } from '@/server/kyc/schema';
import { MAX_FILE_BYTES } from '@/server/storage';

// The file is the raw request body (any content type; the type is sniffed from the bytes).
export const POST = route({ auth: 'user', query: uploadDocumentQuery }, async ({ req, tenant, principal, params, query, meta, config }) => {
  const { id } = parseWith(idParams, params);
  const bytes = await readRawBody(req, MAX_FILE_BYTES.kyc);
  return json(await uploadDocument(tenant, principal, id, query.kind, bytes, meta, config), { status: 201 });
});
