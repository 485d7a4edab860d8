import { newVersionQuery } from '@/server/documents/schema';
import { uploadDocumentVersion } from '@/server/documents/upload-version';
import { readUploadBody } from '@/server/documents/upload-body';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The file is the raw request body; its name comes in ?fileName=. */
export const POST = route({ auth: 'user', query: newVersionQuery }, async ({ req, tenant, principal, params, query, meta }) => {
  const id = parseWith(idParams, params).id;
  const bytes = await readUploadBody(req, 'document');
  return json(await uploadDocumentVersion(tenant, principal, id, query.fileName, bytes, meta), { status: 201 });
});
