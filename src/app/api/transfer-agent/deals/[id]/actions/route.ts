import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { corporateActionInput } from '@/server/transfer-agents/schema';
import { recordCorporateAction } from '@/server/transfer-agents/service';

export const POST = route({ roles: ['transfer_agent'], body: corporateActionInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await recordCorporateAction(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
