import { downloadDocument } from '@/server/documents/download';
import { fileResponse } from '@/server/documents/file-response';
import { downloadQuery } from '@/server/documents/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'user', query: downloadQuery }, async ({ tenant, principal, params, query, meta }) => {
  const file = await downloadDocument(tenant, principal, parseWith(idParams, params).id, query.version, meta);
  return fileResponse(file.bytes, { mime: file.mime, fileName: file.fileName });
});
