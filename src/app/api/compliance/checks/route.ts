import { listComplianceChecks } from '@/server/compliance/checks';
import { checksQuery } from '@/server/compliance/schema';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'], query: checksQuery }, async ({ tenant, principal, query, meta }) =>
  listComplianceChecks(tenant, principal, query, meta),
);
