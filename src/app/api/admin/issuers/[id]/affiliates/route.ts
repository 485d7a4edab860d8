import { recordAffiliate } from '@/server/compliance/issuer-affiliates';
import { issuerAffiliateInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Records an affiliated issuer: their Reg CF sales share the $5,000,000 per 12 months (17 CFR 227.100(a)(1)). */
export const POST = route({ roles: ['tenant_admin'], body: issuerAffiliateInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await recordAffiliate(tenant, principal, parseWith(idParams, params).id, body.affiliateIssuerId, meta), { status: 201 }),
);
