import { createApplication, listOwnApplications } from '@/server/assets/service';
import { createApplicationInput } from '@/server/assets/schema';
import { json, route } from '@/server/http/route';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal }) => listOwnApplications(tenant, principal));
export const POST = route({ roles: ['issuer'], body: createApplicationInput }, async ({ tenant, principal, body, meta }) =>
  json(await createApplication(tenant, principal, body, meta), { status: 201 }),
);
