import { dealParams, updateInput } from '@/server/deal-content/schema';
import { listDealUpdates, postDealUpdate } from '@/server/deal-content/updates';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealUpdates(tenant, principal, parseWith(dealParams, params).id));

export const POST = route({ auth: 'user', body: updateInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await postDealUpdate(tenant, principal, parseWith(dealParams, params).id, body, meta), { status: 201 }),
);
