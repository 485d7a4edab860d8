import { csvResponse } from '@/server/http/csv-response';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { capTableCsv } from '@/server/transfer-agents/service';

export const GET = route({ roles: ['transfer_agent'] }, async ({ tenant, principal, params, meta }) => csvResponse(await capTableCsv(tenant, principal, parseWith(idParams, params).id, meta), meta.requestId));
