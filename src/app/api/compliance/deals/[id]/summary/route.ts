import { dealComplianceSummary } from '@/server/compliance/deal-summary';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Per deal: the 506(b) count, the Form D deadline, the bad-actor certification and the Reg S category. */
export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params }) => dealComplianceSummary(tenant, principal, parseWith(idParams, params).id));
