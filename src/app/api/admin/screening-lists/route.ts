import { json, route } from '@/server/http/route';
import { listScreeningLists, uploadScreeningList } from '@/server/screening/lists';
import { listUploadQuery } from '@/server/screening/schema';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => listScreeningLists(tenant.id, principal));

// The body is the CSV itself (text/csv); the list's name and kind travel in the query.
export const POST = route({ roles: ['tenant_admin'], query: listUploadQuery }, async ({ req, tenant, principal, query, meta }) =>
  json(await uploadScreeningList(tenant.id, principal, req, query, meta), { status: 201 }),
);
