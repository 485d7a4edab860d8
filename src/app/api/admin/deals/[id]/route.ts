import { setFeatured, transitionDeal } from '@/server/deals/manage-deal';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { adminDealActionInput } from '@/server/reporting/schema';

// Review decisions go through the deal workflow (four-eyes, reason to reject); featuring is a flag.
export const POST = route({ roles: ['tenant_admin'], body: adminDealActionInput }, async ({ tenant, principal, params, body, meta }) => {
  const id = parseWith(idParams, params).id;
  if (body.action === 'feature' || body.action === 'unfeature') return setFeatured(tenant, principal, id, body.action === 'feature', meta);
  return transitionDeal(tenant, principal, id, body, meta);
});
