import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { decideApplication } from '@/server/kyc/review';
import { decisionInput } from '@/server/kyc/schema';

export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: decisionInput }, async ({ tenant, principal, params, body, meta }) =>
  decideApplication(tenant, principal, parseWith(idParams, params).id, body, meta),
);
