import { json, route } from '@/server/http/route';
import { createLendingPoolInput } from '@/server/lending/schema';
import { createLendingPool } from '@/server/lending/service';

export const POST = route({ roles: ['tenant_admin'], body: createLendingPoolInput }, async ({ tenant, principal, body, meta }) =>
  json(await createLendingPool(tenant, principal, body, meta), { status: 201 }),
);
