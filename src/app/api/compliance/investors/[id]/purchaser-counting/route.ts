import { investorCountingDeclaration, recordInvestorCountingDeclaration } from '@/server/compliance/purchaser-counting';
import { purchaserCountingInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** An investor's Rule 501(e) counting declaration, as a compliance officer records it (17 CFR 230.501(e)). */
export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params }) => investorCountingDeclaration(tenant, principal, parseWith(idParams, params).id));

export const PUT = route({ roles: ['compliance_officer', 'tenant_admin'], body: purchaserCountingInput }, async ({ tenant, principal, params, body, meta }) =>
  recordInvestorCountingDeclaration(tenant, principal, parseWith(idParams, params).id, body, meta),
);
