import { updateOwnDeal } from '@/server/deals/manage-deal';
import { updateDealInput } from '@/server/deals/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const PATCH = route({ roles: ['issuer'], body: updateDealInput }, async ({ tenant, principal, params, body, meta }) =>
  updateOwnDeal(tenant, principal, parseWith(idParams, params).id, body, meta),
);
