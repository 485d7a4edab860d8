import { listDealComments, postDealComment } from '@/server/deal-content/comments';
import { commentInput, dealParams } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealComments(tenant, principal, parseWith(dealParams, params).id));

export const POST = route({ auth: 'user', body: commentInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await postDealComment(tenant, principal, parseWith(dealParams, params).id, body, meta), { status: 201 }),
);
