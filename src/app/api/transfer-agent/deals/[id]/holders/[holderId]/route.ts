import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { holderParams } from '@/server/transfer-agents/schema';
import { holderStatement } from '@/server/transfer-agents/service';

export const GET = route({ roles: ['transfer_agent'] }, async ({ tenant, principal, params, meta }) => {
  const p = parseWith(holderParams, params);
  return holderStatement(tenant, principal, p.id, p.holderId, meta);
});
