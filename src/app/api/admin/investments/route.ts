import { route } from '@/server/http/route';
import { listInvestmentsForOperator } from '@/server/investments/admin-list';
import { adminInvestmentListQuery } from '@/server/investments/schema';

export const GET = route({ roles: ['tenant_admin'], query: adminInvestmentListQuery }, async ({ tenant, principal, query, meta }) =>
  listInvestmentsForOperator(tenant, principal, query, meta),
);
