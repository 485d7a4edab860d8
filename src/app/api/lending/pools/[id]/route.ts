import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { getPool } from '@/server/lending/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal, params }) => getPool(tenant, principal, parseWith(idParams, params).id));
