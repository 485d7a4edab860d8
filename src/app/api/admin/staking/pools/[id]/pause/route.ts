import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { pauseStakingPoolInput } from '@/server/staking/schema';
import { setStakingPoolPaused } from '@/server/staking/service';

export const POST = route({ roles: ['tenant_admin'], body: pauseStakingPoolInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await setStakingPoolPaused(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
