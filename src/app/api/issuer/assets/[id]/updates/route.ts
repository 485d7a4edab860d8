import { postAssetUpdate } from '@/server/assets/service';
import { postUpdateInput } from '@/server/assets/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['issuer'], body: postUpdateInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await postAssetUpdate(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
