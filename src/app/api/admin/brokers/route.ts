import { json, route } from '@/server/http/route';
import { createBrokerInput } from '@/server/brokers/schema';
import { createBroker, listBrokersForAdmin } from '@/server/brokers/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => listBrokersForAdmin(tenant, principal));
export const POST = route({ roles: ['tenant_admin'], body: createBrokerInput }, async ({ tenant, principal, body, meta }) => json(await createBroker(tenant, principal, body, meta), { status: 201 }));
