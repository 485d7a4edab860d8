import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { brokerClientParams } from '@/server/brokers/schema';
import { detachClientByAdmin } from '@/server/brokers/service';

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => {
  const p = parseWith(brokerClientParams, params);
  return detachClientByAdmin(tenant, principal, p.id, p.investorId, meta);
});
