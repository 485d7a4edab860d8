import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { isDealPrivileged, requireVisibleDeal } from '../deals/browse';
import { requireOwnDeal } from '../deals/manage-deal';
import type { DealRow } from '../deals/repo';
import type { TenantContext } from '../tenancy/resolve';

export type VisibleDeal = { deal: DealRow; privileged: boolean };

/** Reads of deal content: in one transaction, after the deal's visibility check (404 when hidden). */
export function withVisibleDeal<T>(tenant: TenantContext, p: Principal | null, dealId: string, fn: (t: TenantTx, d: VisibleDeal) => Promise<T>): Promise<T> {
  return withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => {
    const deal = await requireVisibleDeal(t, p, dealId);
    return fn(t, { deal, privileged: isDealPrivileged(p, deal) });
  });
}

/** Changes to deal content: only the deal's own issuer; everyone else gets 404. */
export function withOwnDeal<T>(tenant: TenantContext, p: Principal, dealId: string, fn: (t: TenantTx, deal: DealRow) => Promise<T>): Promise<T> {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => fn(t, await requireOwnDeal(t, p, dealId)));
}
