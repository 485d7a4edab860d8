import { waiveDisqualifyingEvent } from '@/server/compliance/covered-persons';
import { eventWaiverInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Records the Commission's waiver of a disqualifying event (17 CFR 230.506(d)(2)(ii)). */
export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: eventWaiverInput }, async ({ tenant, principal, params, body, meta }) =>
  waiveDisqualifyingEvent(tenant, principal, parseWith(idParams, params).id, body.waiverReference, meta),
);
