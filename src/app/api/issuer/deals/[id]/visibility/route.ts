import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { dealVisibilityInput } from '@/server/groups/schema';
import { setDealVisibility } from '@/server/groups/service';

/** Who may see the issuer's deal: everyone, the tenant's verified investors, or its group's members. */
export const PUT = route({ roles: ['issuer'], body: dealVisibilityInput }, async ({ tenant, principal, params, body, meta }) =>
  setDealVisibility(tenant, principal, parseWith(idParams, params).id, body.visibility, meta),
);
