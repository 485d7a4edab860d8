import { namePurchaserRepresentative } from '@/server/compliance/disclosure-502b';
import { purchaserRepresentativeInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The purchaser representative (17 CFR 230.501(i)) the caller relies on for this 506(b) deal. */
export const POST = route({ auth: 'user', body: purchaserRepresentativeInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await namePurchaserRepresentative(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
