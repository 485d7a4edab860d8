import { recordFormDFiling } from '@/server/compliance/deal-summary';
import { formDFilingInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Records a Form D filing (17 CFR 230.503) of a Regulation D deal. */
export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: formDFilingInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await recordFormDFiling(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
