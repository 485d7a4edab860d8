import { csvResponse } from '@/server/http/csv-response';
import { route } from '@/server/http/route';
import { statementQuery } from '@/server/brokers/schema';
import { commissionStatementCsv } from '@/server/brokers/service';

export const GET = route({ roles: ['broker'], query: statementQuery }, async ({ tenant, principal, query, meta }) => csvResponse(await commissionStatementCsv(tenant, principal, query.period, meta), meta.requestId));
