import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { mayBeShown, requireVerificationLevelFor, restrictedOfferingsFor, VerificationLevelRequired } from '../compliance/service';
import { withTenant, type TenantTx } from '../db/tenant';
import type { DealStatus } from '../db/types';
import { NotFound } from '../errors';
import { audienceFor, mayViewByAudience, VISITOR_AUDIENCE } from '../groups/audience';
import { findIssuerByUser } from '../issuers/repo';
import { listenForChanges } from '../tenancy/change-feed';
import type { TenantContext } from '../tenancy/resolve';
import { forgetAllDealListings, forgetDealListings, rememberedListing, rememberedTotal, rememberTotal } from './listing-cache';
import { findDeal, listDeals, PUBLIC_STATUSES, type DealRow } from './repo';
import type { ListDealsQuery } from './schema';
import { dealDetailView, dealSummaryView } from './view';

function statusesFor(requested: ListDealsQuery['status'], isAdmin: boolean): DealStatus[] {
  const wanted: DealStatus[] | null = requested === undefined ? null : requested === 'pending' ? ['pending_review'] : [requested];
  const visible = isAdmin ? null : PUBLIC_STATUSES;
  if (!wanted) return visible ?? ['draft', 'pending_review', 'active', 'funded', 'closed', 'cancelled', 'completed'];
  return visible ? wanted.filter((s) => visible.includes(s)) : wanted;
}

/**
 * Which deals a caller may be listed (besides the statuses): throws VerificationLevelRequired when
 * the tenant requires a verification level to browse that the caller lacks. Two callers with the
 * same answer get the same listings, which the signed-in page cache relies on (listingViewKey).
 */
async function listingView(tenant: TenantContext, p: Principal | null) {
  await requireVerificationLevelFor(tenant, p, 'browse');
  const staff = !!p && hasRole(p, ['tenant_admin', 'compliance_officer']);
  // Offerings that may not be shown to everyone (506(b), 230.502(c)): staff see all, others those they have a relationship with.
  // Member-only and verified-only deals (groups/audience.ts) likewise: staff see all.
  // A visitor's filter needs no query: no 506(b) relationship, not known to be a non-U.S. person, public deals only.
  const restricted = staff
    ? {}
    : p
      ? await withTenant(tenant.id, { userId: p.userId }, async (t) => {
          const [offerings, audience] = await Promise.all([restrictedOfferingsFor(t, p), audienceFor(t, p)]);
          return { ...offerings, audience };
        })
      : { only506b: [], hideRegSOnly: true, audience: VISITOR_AUDIENCE };
  return { staff, restricted };
}

/**
 * A key equal for two callers exactly when every deal listing shows them the same deals (staff or
 * not, 506(b) relationships, non-U.S. declaration, verification, group memberships), or null when
 * browsing is gated for this caller. The signed-in page cache (src/server/http/page-cache.ts)
 * shares one rendered deals page between the callers of one key.
 */
export async function listingViewKey(tenant: TenantContext, p: Principal | null): Promise<string | null> {
  try {
    const { staff, restricted } = await listingView(tenant, p);
    const r = restricted as { only506b?: string[]; audience?: { verified: boolean; groupIds: string[] } };
    // Sorted copies: the same sets in another order are the same view.
    const norm = { ...r, ...(r.only506b && { only506b: [...r.only506b].sort() }), ...(r.audience && { audience: { ...r.audience, groupIds: [...r.audience.groupIds].sort() } }) };
    return JSON.stringify({ staff, restricted: norm });
  } catch (e) {
    if (e instanceof VerificationLevelRequired) return null;
    throw e;
  }
}

/** GET /api/deals: `{deals, total, hasMore}` exactly; investors and visitors see published deals only. */
export async function browseDeals(tenant: TenantContext, p: Principal | null, q: ListDealsQuery) {
  const { staff, restricted } = await listingView(tenant, p);
  const statuses = statusesFor(q.status, staff);
  if (statuses.length === 0) return { deals: [], total: 0, hasMore: false };
  const filter = { statuses, assetType: q.assetType, search: q.search || undefined, featured: q.featured, ...restricted };
  const filterKey = JSON.stringify(filter);
  const pageKey = `${filterKey}|${q.limit}|${q.offset}`;
  // A deal changed through another instance: forget this tenant's listings here too.
  listenForChanges('deals_changed', { onChange: forgetDealListings, onReset: forgetAllDealListings });
  return rememberedListing(tenant.id, pageKey, async () => {
    const knownTotal = rememberedTotal(tenant.id, filterKey);
    const { rows, total, hasMore } = await withTenant(tenant.id, { userId: null }, (t) => listDeals(t, { ...filter, limit: q.limit, offset: q.offset, knownTotal }));
    if (knownTotal === undefined) rememberTotal(tenant.id, filterKey, total);
    return { deals: rows.map(dealSummaryView), total, hasMore };
  });
}

/** The issuer's own deals in every status. */
export async function issuerDeals(tenant: TenantContext, p: Principal, q: ListDealsQuery) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await findIssuerByUser(t, p.userId);
    if (!issuer) return { deals: [], total: 0, hasMore: false };
    const statuses: DealStatus[] = q.status ? (q.status === 'pending' ? ['pending_review'] : [q.status]) : ['draft', 'pending_review', 'active', 'funded', 'closed', 'cancelled', 'completed', 'archived'];
    const { rows, total, hasMore } = await listDeals(t, { statuses, assetType: q.assetType, search: q.search || undefined, issuerId: issuer.id, limit: q.limit, offset: q.offset });
    return { deals: rows.map(dealSummaryView), total, hasMore };
  });
}

/** Its issuer and the tenant's admins see a deal in every status. */
export function isDealPrivileged(p: Principal | null, deal: Pick<DealRow, 'issuer_user_id'>): boolean {
  return !!p && (deal.issuer_user_id === p.userId || hasRole(p, ['tenant_admin', 'compliance_officer']));
}

/**
 * Inside the caller's transaction: the deal if the caller may see it, else 404 (as if it did
 * not exist): unpublished deals only for their issuer and admins; restricted offerings (506(b))
 * only for them and viewers compliance allows; member-only and verified-only deals only for
 * their audience (groups/audience.ts).
 */
export async function requireVisibleDeal(t: TenantTx, p: Principal | null, idOrSlug: string): Promise<DealRow> {
  const deal = await findDeal(t, idOrSlug);
  if (!deal) throw new NotFound('Deal not found');
  if (isDealPrivileged(p, deal)) return deal;
  if (!PUBLIC_STATUSES.includes(deal.status) || !(await mayViewByAudience(t, p, deal)) || !(await mayBeShown(t, p, deal))) throw new NotFound('Deal not found');
  return deal;
}

/** Invest and the like: a deal the caller is not in the audience of does not exist for them (404). */
export async function requireDealAudience(t: TenantTx, p: Principal, deal: DealRow): Promise<void> {
  if (!isDealPrivileged(p, deal) && !(await mayViewByAudience(t, p, deal))) throw new NotFound('Deal not found');
}

/** One deal by id or slug; unpublished deals exist only for their issuer and admins. */
export async function getDeal(tenant: TenantContext, p: Principal | null, idOrSlug: string) {
  await requireVerificationLevelFor(tenant, p, 'browse');
  const deal = await withTenant(tenant.id, { userId: p?.userId ?? null }, (t) => requireVisibleDeal(t, p, idOrSlug));
  return dealDetailView(deal);
}
