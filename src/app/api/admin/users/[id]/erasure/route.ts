import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { cancelErasure, erasureRequestInput, erasureStatus, requestErasure } from '@/server/privacy/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params }) => erasureStatus(tenant, principal, parseWith(idParams, params).id));
export const POST = route({ roles: ['tenant_admin'], body: erasureRequestInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await requestErasure(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  await cancelErasure(tenant, principal, parseWith(idParams, params).id, meta);
  return json(null, { status: 204 });
});
