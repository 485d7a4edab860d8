import { json, route } from '@/server/http/route';
import { inviteClientInput } from '@/server/brokers/schema';
import { inviteClient } from '@/server/brokers/service';

export const POST = route({ roles: ['broker'], body: inviteClientInput }, async ({ tenant, principal, body, meta }) => json(await inviteClient(tenant, principal, body, meta), { status: 201 }));
