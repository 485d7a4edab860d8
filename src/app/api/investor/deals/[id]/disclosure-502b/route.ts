import { acknowledgeDisclosure, deliverDisclosure } from '@/server/compliance/disclosure-502b';
import { disclosureAcknowledgementInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The Rule 502(b) disclosure of a 506(b) deal: reading it records its delivery to the caller. */
export const GET = route({ auth: 'user' }, async ({ tenant, principal, params, meta }) => deliverDisclosure(tenant, principal, parseWith(idParams, params).id, meta));

/** The caller acknowledges the disclosure delivered to them (body: acknowledged, packageSha256). */
export const POST = route({ auth: 'user', body: disclosureAcknowledgementInput }, async ({ tenant, principal, params, body, meta }) =>
  acknowledgeDisclosure(tenant, principal, parseWith(idParams, params).id, body, meta),
);
