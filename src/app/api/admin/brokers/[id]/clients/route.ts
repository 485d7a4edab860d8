import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { attachClientInput } from '@/server/brokers/schema';
import { attachClientByAdmin } from '@/server/brokers/service';

export const POST = route({ roles: ['tenant_admin'], body: attachClientInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await attachClientByAdmin(tenant, principal, parseWith(idParams, params).id, body.investorId, meta), { status: 201 }),
);
