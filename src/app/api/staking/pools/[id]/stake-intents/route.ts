import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { stakeIntentInput } from '@/server/staking/schema';
import { stakeIntent } from '@/server/staking/stake-intent';

export const POST = route({ auth: 'user', body: stakeIntentInput }, async ({ tenant, principal, params, body }) => stakeIntent(tenant, principal, parseWith(idParams, params).id, body));
