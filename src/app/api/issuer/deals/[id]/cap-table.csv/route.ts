import { csvResponse } from '@/server/http/csv-response';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { exportCapTable } from '@/server/reporting/deal-investors';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal, params, meta }) =>
  csvResponse(await exportCapTable(tenant, principal, parseWith(idParams, params).id, meta), meta.requestId),
);
