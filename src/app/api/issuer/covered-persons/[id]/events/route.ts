import { recordDisqualifyingEvent } from '@/server/compliance/covered-persons';
import { disqualifyingEventInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** A disqualifying event of a covered person (17 CFR 230.506(d)(1)(i)-(viii)). */
export const POST = route({ roles: ['issuer'], body: disqualifyingEventInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await recordDisqualifyingEvent(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
