import { listChainTransactions } from '@/server/chain/tx-manager/admin';
import { chainTxListQuery } from '@/server/chain/tx-manager/schema';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['tenant_admin'], query: chainTxListQuery }, async ({ tenant, principal, query }) => listChainTransactions(tenant, principal, query));
