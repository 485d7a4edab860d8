import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { exportCapTable } from '@/server/reporting/deal-investors';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal, params, meta }) => {
  const file = await exportCapTable(tenant, principal, parseWith(idParams, params).id, meta);
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
