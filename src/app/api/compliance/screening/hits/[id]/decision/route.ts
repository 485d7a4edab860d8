import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { decideScreeningHit } from '@/server/screening/hits';
import { hitDecisionInput } from '@/server/screening/schema';

export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: hitDecisionInput }, async ({ tenant, principal, params, body, meta }) =>
  decideScreeningHit(tenant.id, principal, parseWith(idParams, params).id, body, meta),
);
