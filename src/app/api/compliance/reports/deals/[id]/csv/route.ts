import { dealInvestorReportCsv } from '@/server/compliance/reports';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  const file = await dealInvestorReportCsv(tenant, principal, parseWith(idParams, params).id, meta);
  return new Response(file.body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': meta.requestId ?? '',
    },
  });
});
