import { createDealGroup, listDealGroups } from '@/server/deal-content/groups';
import { groupInput } from '@/server/deal-content/schema';
import { json, route } from '@/server/http/route';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal }) => listDealGroups(tenant, principal));

export const POST = route({ roles: ['tenant_admin'], body: groupInput }, async ({ tenant, principal, body, meta }) => json(await createDealGroup(tenant, principal, body, meta), { status: 201 }));
