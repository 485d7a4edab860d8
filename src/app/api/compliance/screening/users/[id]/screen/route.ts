import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { screenUserOnDemand } from '@/server/screening/hits';

export const POST = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params, meta }) =>
  screenUserOnDemand(tenant.id, principal, parseWith(idParams, params).id, meta),
);
