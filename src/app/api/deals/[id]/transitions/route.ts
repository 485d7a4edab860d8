import { transitionDeal } from '@/server/deals/manage-deal';
import { dealTransitionInput } from '@/server/deals/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// Issuer (submit, withdraw, close, cancel, archive) or tenant admin (approve, reject, complete, ...).
export const POST = route({ roles: ['issuer', 'tenant_admin'], body: dealTransitionInput }, async ({ tenant, principal, params, body, meta }) =>
  transitionDeal(tenant, principal, parseWith(idParams, params).id, body, meta),
);
