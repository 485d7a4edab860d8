import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { cancelInvestment } from '@/server/investments/cancel-investment';
import { cancelInvestmentInput } from '@/server/investments/schema';

export const POST = route({ auth: 'user', body: cancelInvestmentInput }, async ({ tenant, principal, params, body, meta }) =>
  cancelInvestment(tenant, principal, parseWith(idParams, params).id, body?.reason, meta),
);
