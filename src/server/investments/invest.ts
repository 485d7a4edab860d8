import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Outcome } from '../idempotency/service';
import type { TenantContext } from '../tenancy/resolve';
import { investAlone } from './invest-alone';
import { investInGroup } from './invest-group';
import type { InvestInput } from './schema';

/**
 * POST /api/deals/[id]/invest. Without an Idempotency-Key the attempt is decided together with
 * the attempts on the same deal that arrive with it (invest-group.ts); with one, in a
 * transaction of its own that also stores the response for the key (invest-alone.ts).
 */
export function invest(tenant: TenantContext, p: Principal, dealId: string, input: InvestInput, idempotencyKey: string | null, meta: RequestMeta): Promise<Outcome> {
  if (idempotencyKey !== null) return investAlone(tenant, p, dealId, input, idempotencyKey, meta);
  return investInGroup({ tenant, principal: p, dealId, input, meta });
}
