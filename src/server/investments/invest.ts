import type { RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Outcome } from '../idempotency/service';
import type { TenantContext } from '../tenancy/resolve';
import { investInGroup } from './invest-group';
import type { InvestInput } from './schema';

/**
 * POST /api/deals/[id]/invest: decided together with the attempts on the same deal that arrive
 * with it (invest-group.ts), which falls back to one transaction per attempt (invest-alone.ts)
 * where a group cannot decide.
 */
export function invest(tenant: TenantContext, p: Principal, dealId: string, input: InvestInput, idempotencyKey: string | null, meta: RequestMeta): Promise<Outcome> {
  return investInGroup({ tenant, principal: p, dealId, input, meta }, idempotencyKey);
}
