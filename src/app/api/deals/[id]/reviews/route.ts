import { changeReview, deleteReview, listDealReviews, reviewDeal } from '@/server/deal-content/reviews';
import { dealParams, reviewInput } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealReviews(tenant, principal, parseWith(dealParams, params).id));

/** One review per investor: a second POST is 409 review_exists; PUT changes it. */
export const POST = route({ auth: 'user', body: reviewInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await reviewDeal(tenant, principal, parseWith(dealParams, params).id, body, meta), { status: 201 }),
);

export const PUT = route({ auth: 'user', body: reviewInput }, async ({ tenant, principal, params, body, meta }) => changeReview(tenant, principal, parseWith(dealParams, params).id, body, meta));

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => {
  await deleteReview(tenant, principal, parseWith(dealParams, params).id, meta);
  return json(null, { status: 204 });
});
