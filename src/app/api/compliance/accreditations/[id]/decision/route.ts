import { decide } from '@/server/compliance/accreditation';
import { accreditationDecisionInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: accreditationDecisionInput }, async ({ tenant, principal, params, body, meta }) =>
  decide(tenant, principal, parseWith(idParams, params).id, body, meta),
);
