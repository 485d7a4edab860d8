import { retryChainTransaction } from '@/server/chain/tx-manager/admin';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => retryChainTransaction(tenant, principal, parseWith(idParams, params).id, meta));
