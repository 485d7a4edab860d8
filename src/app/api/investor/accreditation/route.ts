import { ownAccreditations, submitAccreditation } from '@/server/compliance/accreditation';
import { accreditationInput } from '@/server/compliance/schema';
import { json, route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => ownAccreditations(tenant, principal));

export const POST = route({ auth: 'user', body: accreditationInput }, async ({ tenant, principal, body, meta }) =>
  json(await submitAccreditation(tenant, principal, body, meta), { status: 201 }),
);
