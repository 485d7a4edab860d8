import { csvResponse } from '@/server/http/csv-response';
import { route } from '@/server/http/route';
import { auditCsvQuery, auditLogCsv } from '@/server/tenancy/admin';

export const GET = route({ roles: ['tenant_admin', 'compliance_officer'], query: auditCsvQuery }, async ({ tenant, principal, query, meta }) =>
  csvResponse(await auditLogCsv(tenant, principal, query, meta), meta.requestId),
);
