import { route } from '@/server/http/route';
import { listUsersQuery } from '@/server/users/schema';
import { listTenantUsers } from '@/server/users/service';

export const GET = route({ roles: ['tenant_admin'], query: listUsersQuery }, async ({ tenant, principal, query }) => listTenantUsers(tenant, principal, query));
