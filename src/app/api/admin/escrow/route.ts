import { listEscrowsForAdmin } from '@/server/escrow/admin';
import { escrowListQuery } from '@/server/escrow/schema';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['tenant_admin'], query: escrowListQuery }, async ({ tenant, principal, query }) => listEscrowsForAdmin(tenant, principal, query));
