import { extendEscrowByAdmin } from '@/server/escrow/admin';
import { escrowExtendInput } from '@/server/escrow/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'], body: escrowExtendInput }, async ({ tenant, principal, params, body, meta }) =>
  extendEscrowByAdmin(tenant, principal, parseWith(idParams, params).id, new Date(body.deadline), meta),
);
