import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { capTable } from '@/server/transfer-agents/service';

export const GET = route({ roles: ['transfer_agent'] }, async ({ tenant, principal, params }) => capTable(tenant, principal, parseWith(idParams, params).id));
