import { dealInvestorReportCsv } from '@/server/compliance/reports';
import { csvResponse } from '@/server/http/csv-response';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params, meta }) =>
  csvResponse(await dealInvestorReportCsv(tenant, principal, parseWith(idParams, params).id, meta), meta.requestId),
);
