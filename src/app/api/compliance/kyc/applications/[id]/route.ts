import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { getForReview } from '@/server/kyc/review';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params, meta }) =>
  getForReview(tenant, principal, parseWith(idParams, params).id, meta),
);
