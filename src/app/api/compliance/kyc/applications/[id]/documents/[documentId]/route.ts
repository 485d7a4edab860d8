import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { readDocumentForReview } from '@/server/kyc/review';
import { documentParams } from '@/server/kyc/schema';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params, meta, config }) => {
  const { id, documentId } = parseWith(documentParams, params);
  const doc = await readDocumentForReview(tenant, principal, id, documentId, meta, config);
  return new Response(Buffer.from(doc.bytes), {
    headers: {
      'content-type': doc.mime,
      'content-disposition': `attachment; filename="${doc.kind}-${documentId}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
