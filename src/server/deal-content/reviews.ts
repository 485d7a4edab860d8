import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { Conflict, Forbidden, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { withVisibleDeal } from './access';
import { deleteReviewOf, findReviewOf, hasInvested, insertReview, listReviews, reviewStats, updateReview, type ReviewRow } from './repo';

type ReviewInput = { rating: number; body: string };

function reviewView(r: ReviewRow) {
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    author: { id: r.investor_id, name: `${r.first_name} ${r.last_name.slice(0, 1)}.`.trim() },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/**
 * `{reviews, count, averageRating, canReview}`; averageRating is a decimal string with two
 * places, or null; canReview says whether the caller is an investor who may write (or has
 * written) a review of this deal.
 */
export function listDealReviews(tenant: TenantContext, p: Principal | null, dealId: string) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    const [rows, stats, canReview] = await Promise.all([listReviews(t, deal.id), reviewStats(t, deal.id), p ? hasInvested(t, deal.id, p.userId) : false]);
    return { reviews: rows.map(reviewView), count: Number(stats.count), averageRating: stats.average, canReview };
  });
}

async function requireInvestor(t: TenantTx, dealId: string, p: Principal): Promise<void> {
  if (!(await hasInvested(t, dealId, p.userId))) throw new Forbidden('Only investors in this deal may review it', 'not_an_investor');
}

/** POST: one review per investor who has a live or confirmed investment; a second is 409 (use PUT to change it). */
export function reviewDeal(tenant: TenantContext, p: Principal, dealId: string, input: ReviewInput, meta: RequestMeta) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    await requireInvestor(t, deal.id, p);
    const id = uuidv7();
    if (!(await insertReview(t, { id, deal_id: deal.id, investor_id: p.userId, rating: input.rating, body: input.body })))
      throw new Conflict('review_exists', 'You have reviewed this deal already; change your review with PUT');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.reviewed', targetType: 'deal', targetId: deal.id, metadata: { reviewId: id, rating: input.rating } }, meta);
    return reviewView((await findReviewOf(t, deal.id, p.userId))!);
  });
}

/** PUT: the investor changes their own review. */
export function changeReview(tenant: TenantContext, p: Principal, dealId: string, input: ReviewInput, meta: RequestMeta) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    await requireInvestor(t, deal.id, p);
    if (!(await updateReview(t, deal.id, p.userId, input))) throw new NotFound('You have not reviewed this deal yet', 'review_not_found');
    const row = (await findReviewOf(t, deal.id, p.userId))!;
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.review_changed', targetType: 'deal', targetId: deal.id, metadata: { reviewId: row.id, rating: input.rating } }, meta);
    return reviewView(row);
  });
}

/** DELETE: the investor withdraws their own review (so they may write a new one later). */
export function deleteReview(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    const id = await deleteReviewOf(t, deal.id, p.userId);
    if (!id) throw new NotFound('You have not reviewed this deal', 'review_not_found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.review_deleted', targetType: 'deal', targetId: deal.id, metadata: { reviewId: id } }, meta);
  });
}
