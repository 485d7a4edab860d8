import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { dealSummaryView } from '../deals/view';
import type { TenantContext } from '../tenancy/resolve';
import { dealsByStatusOldestFirst } from './repo';
import type { ReviewQueueQuery } from './schema';

/** GET /api/admin/deals: the tenant admin's queue, oldest submission first. */
export async function dealReviewQueue(tenant: TenantContext, admin: Principal, q: ReviewQueueQuery) {
  const { rows, total } = await withTenant(tenant.id, { userId: admin.userId }, (t) => dealsByStatusOldestFirst(t, q));
  return {
    deals: rows.map((d) => ({
      ...dealSummaryView(d),
      issuer: { id: d.issuer_id, name: d.issuer_name, status: d.issuer_status },
      submittedAt: d.submitted_at?.toISOString() ?? null,
      reviewReason: d.review_reason,
      // Four-eyes: an admin who is also this deal's issuer cannot decide on it.
      ownDeal: d.issuer_user_id === admin.userId,
    })),
    total,
    hasMore: q.offset + rows.length < total,
  };
}
