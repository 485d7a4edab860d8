import { json, route } from '@/server/http/route';
import { createTransferAgentInput } from '@/server/transfer-agents/schema';
import { createTransferAgent, listTransferAgents } from '@/server/transfer-agents/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => listTransferAgents(tenant, principal));
export const POST = route({ roles: ['tenant_admin'], body: createTransferAgentInput }, async ({ tenant, principal, body, meta }) => json(await createTransferAgent(tenant, principal, body, meta), { status: 201 }));
