import { listForReview } from '@/server/compliance/accreditation';
import { accreditationListQuery } from '@/server/compliance/schema';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'], query: accreditationListQuery }, async ({ tenant, principal, query, meta }) =>
  listForReview(tenant, principal, query, meta),
);
