import { dealInvitations, inviteToDeal } from '@/server/compliance/solicitation-506b';
import { dealInvitationInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Investors invited to a 506(b) deal (17 CFR 230.502(c)); its issuer and staff only. */
export const GET = route({ auth: 'user' }, async ({ tenant, principal, params }) => dealInvitations(tenant, principal, parseWith(idParams, params).id));

export const POST = route({ auth: 'user', body: dealInvitationInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await inviteToDeal(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
