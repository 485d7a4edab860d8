import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { issuerReviewInput } from '@/server/issuers/schema';
import { reviewIssuer } from '@/server/issuers/service';

export const POST = route({ roles: ['tenant_admin'], body: issuerReviewInput }, async ({ tenant, principal, params, body, meta }) =>
  reviewIssuer(tenant, principal, parseWith(idParams, params).id, body, meta),
);
