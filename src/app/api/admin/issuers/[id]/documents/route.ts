import { listIssuerDocumentsForReview } from '@/server/documents/issuer-documents';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: ['tenant_admin', 'compliance_officer'] }, async ({ tenant, principal, params }) =>
  listIssuerDocumentsForReview(tenant, principal, parseWith(idParams, params).id),
);
