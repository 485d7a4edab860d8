import { REVIEWER_ROLES, getApplication, reviewApplication } from '@/server/assets/service';
import { reviewApplicationInput } from '@/server/assets/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: REVIEWER_ROLES }, async ({ tenant, principal, params }) => getApplication(tenant, principal, parseWith(idParams, params).id));
// Request changes, approve (issues the token) or reject, with the reason the issuer reads.
export const POST = route({ roles: REVIEWER_ROLES, body: reviewApplicationInput }, async ({ tenant, principal, params, body, meta }) =>
  reviewApplication(tenant, principal, parseWith(idParams, params).id, body, meta),
);
