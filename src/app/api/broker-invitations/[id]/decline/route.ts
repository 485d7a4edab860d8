import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { answerInvitation } from '@/server/brokers/service';

export const POST = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => answerInvitation(tenant, principal, parseWith(idParams, params).id, 'decline', meta));
