import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { refundInvestment, refundInvestmentInput } from '@/server/investments/confirm-investment';

export const POST = route({ roles: ['tenant_admin'], body: refundInvestmentInput }, async ({ tenant, principal, params, body, meta }) =>
  refundInvestment(tenant, principal, parseWith(idParams, params).id, body.reason, meta),
);
