import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { confirmInvestment, confirmInvestmentInput } from '@/server/investments/confirm-investment';

// The operator records the money as received: pending_payment | in_escrow -> confirmed.
export const POST = route({ roles: ['tenant_admin'], body: confirmInvestmentInput }, async ({ tenant, principal, params, body, meta }) =>
  confirmInvestment(tenant, principal, parseWith(idParams, params).id, body?.note, meta),
);
