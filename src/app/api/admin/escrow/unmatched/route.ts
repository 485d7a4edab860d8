import { listUnmatchedEscrowsForAdmin } from '@/server/chain/indexer/unmatched';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => listUnmatchedEscrowsForAdmin(tenant, principal));
