import { json, route } from '@/server/http/route';
import { createEndpointInput } from '@/server/webhooks/schema';
import { createEndpoint, endpoints } from '@/server/webhooks/service';

// The tenant's outgoing webhook endpoints; the signing secret is in the creation answer only.
export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => endpoints(tenant, principal));
export const POST = route({ roles: ['tenant_admin'], body: createEndpointInput }, async ({ tenant, principal, body, meta }) => json(await createEndpoint(tenant, principal, body, meta), { status: 201 }));
