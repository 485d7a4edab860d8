import { rejectEscrowByAdmin } from '@/server/escrow/admin';
import { escrowRefundInput } from '@/server/escrow/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'], body: escrowRefundInput }, async ({ tenant, principal, params, body, meta }) =>
  rejectEscrowByAdmin(tenant, principal, parseWith(idParams, params).id, body.reason, meta),
);
