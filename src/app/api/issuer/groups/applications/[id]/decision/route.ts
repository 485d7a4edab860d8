import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { decisionInput } from '@/server/groups/schema';
import { decideGroupApplication } from '@/server/groups/service';

/** Approve, reject (with a reason) or waitlist an application. */
export const POST = route({ feature: 'investmentGroups', roles: ['issuer'], body: decisionInput }, async ({ tenant, principal, params, body, meta }) =>
  decideGroupApplication(tenant, principal, parseWith(idParams, params).id, body, meta),
);
