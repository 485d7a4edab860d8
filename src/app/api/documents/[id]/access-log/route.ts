import { documentAccessLog } from '@/server/documents/download';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'user' }, async ({ tenant, principal, params }) => documentAccessLog(tenant, principal, parseWith(idParams, params).id));
