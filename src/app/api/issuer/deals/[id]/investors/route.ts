import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { listDealInvestors } from '@/server/reporting/deal-investors';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal, params }) => listDealInvestors(tenant, principal, parseWith(idParams, params).id));
