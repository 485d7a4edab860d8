// The rules every feed use case starts with: the tenant has social features on, who moderates, and
// which linked deals a viewer may be shown (the deals module's own visibility rule, never a copy).
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { requireVerificationLevelFor, VerificationLevelRequired } from '../compliance/service';
import { withTenant, type TenantTx } from '../db/tenant';
import { requireVisibleDeal } from '../deals/browse';
import { NotFound } from '../errors';
import { requireFeature } from '../tenancy/features';
import type { TenantContext } from '../tenancy/resolve';

export const MODERATORS = ['tenant_admin', 'compliance_officer'] as const;
export const isModerator = (p: Principal) => hasRole(p, MODERATORS);

/** A feed use case: 403 feature_disabled while the tenant has social features off, then one transaction. */
export function withFeed<T>(tenant: TenantContext, p: Principal, fn: (t: TenantTx) => Promise<T>): Promise<T> {
  requireFeature(tenant, 'socialFeatures');
  return withTenant(tenant.id, { userId: p.userId }, fn);
}

export type LinkedDeal = { id: string; slug: string; title: string };

/**
 * Answers, per deal id, the deal when this viewer may see it and null when not (unpublished,
 * member-only for a group they are not in, 506(b) without a relationship, Reg S only, or browsing
 * gated by a verification level they lack): a post linking such a deal is not shown to them.
 */
export async function dealVisibilityFor(tenant: TenantContext, p: Principal) {
  let browseAllowed = true;
  try {
    await requireVerificationLevelFor(tenant, p, 'browse');
  } catch (e) {
    if (!(e instanceof VerificationLevelRequired)) throw e;
    browseAllowed = false;
  }
  const known = new Map<string, LinkedDeal | null>();
  return async (t: TenantTx, dealId: string): Promise<LinkedDeal | null> => {
    if (!browseAllowed) return null;
    if (known.has(dealId)) return known.get(dealId)!;
    let deal: LinkedDeal | null = null;
    try {
      const d = await requireVisibleDeal(t, p, dealId);
      deal = { id: d.id, slug: d.slug, title: d.title };
    } catch (e) {
      if (!(e instanceof NotFound)) throw e;
    }
    known.set(dealId, deal);
    return deal;
  };
}
export type DealVisibility = Awaited<ReturnType<typeof dealVisibilityFor>>;
