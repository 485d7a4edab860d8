import { suitabilityInput } from '@/server/compliance/schema';
import { getSuitability, submitSuitability } from '@/server/compliance/suitability';
import { json, route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => getSuitability(tenant, principal));

export const POST = route({ auth: 'user', body: suitabilityInput }, async ({ tenant, principal, body, meta }) =>
  json(await submitSuitability(tenant, principal, body.answers, meta), { status: 201 }),
);
