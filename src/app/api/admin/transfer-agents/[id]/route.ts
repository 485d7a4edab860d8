import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { updateTransferAgentInput } from '@/server/transfer-agents/schema';
import { updateTransferAgent } from '@/server/transfer-agents/service';

export const PUT = route({ roles: ['tenant_admin'], body: updateTransferAgentInput }, async ({ tenant, principal, params, body, meta }) => updateTransferAgent(tenant, principal, parseWith(idParams, params).id, body, meta));
