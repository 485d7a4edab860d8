import { route } from '@/server/http/route';
import { statementQuery } from '@/server/brokers/schema';
import { commissionStatement } from '@/server/brokers/service';

export const GET = route({ roles: ['broker'], query: statementQuery }, async ({ tenant, principal, query }) => commissionStatement(tenant, principal, query.period));
