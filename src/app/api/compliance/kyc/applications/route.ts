import { route } from '@/server/http/route';
import { listForReview } from '@/server/kyc/review';
import { reviewListQuery } from '@/server/kyc/schema';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'], query: reviewListQuery }, async ({ tenant, principal, query, meta }) =>
  listForReview(tenant, principal, query, meta),
);
