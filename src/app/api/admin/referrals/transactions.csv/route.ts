import { csvResponse } from '@/server/http/csv-response';
import { route } from '@/server/http/route';
import { referralTransactionsCsv } from '@/server/referrals/service';

export const GET = route({ roles: ['tenant_admin'], feature: 'referrals' }, async ({ tenant, principal, meta }) => csvResponse(await referralTransactionsCsv(tenant, principal, meta), meta.requestId));
