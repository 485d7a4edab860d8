import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { setPriceInput } from '@/server/lending/schema';
import { setCollateralPrice } from '@/server/lending/service';

export const POST = route({ roles: ['tenant_admin'], body: setPriceInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await setCollateralPrice(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
