import { csvResponse } from '@/server/http/csv-response';
import { route } from '@/server/http/route';
import { groupMembersCsv } from '@/server/groups/service';

export const GET = route({ feature: 'investmentGroups', roles: ['issuer'] }, async ({ tenant, principal, meta }) => csvResponse(await groupMembersCsv(tenant, principal, meta), meta.requestId));
