import { json, route } from '@/server/http/route';
import { createStakingPool } from '@/server/staking/service';
import { createStakingPoolInput } from '@/server/staking/schema';

export const POST = route({ roles: ['tenant_admin'], body: createStakingPoolInput }, async ({ tenant, principal, body, meta }) =>
  json(await createStakingPool(tenant, principal, body, meta), { status: 201 }),
);
