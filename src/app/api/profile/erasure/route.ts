import { json, route } from '@/server/http/route';
import { cancelErasure, erasureRequestInput, erasureStatus, requestErasure } from '@/server/privacy/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => erasureStatus(tenant, principal, principal.userId));
export const POST = route({ auth: 'user', body: erasureRequestInput }, async ({ tenant, principal, body, meta }) => json(await requestErasure(tenant, principal, principal.userId, body, meta), { status: 201 }));
export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, meta }) => {
  await cancelErasure(tenant, principal, principal.userId, meta);
  return json(null, { status: 204 });
});
