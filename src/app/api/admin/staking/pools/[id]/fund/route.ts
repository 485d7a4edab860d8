import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { fundStakingPoolInput } from '@/server/staking/schema';
import { fundStakingPool } from '@/server/staking/service';

export const POST = route({ roles: ['tenant_admin'], body: fundStakingPoolInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await fundStakingPool(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
