import { escrowRefundInput } from '@/server/escrow/schema';
import { refundUnmatchedEscrow } from '@/server/escrow/unmatched-refund';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'], body: escrowRefundInput }, async ({ tenant, principal, params, body, meta }) =>
  refundUnmatchedEscrow(tenant, principal, parseWith(idParams, params).id, body.reason, meta),
);
