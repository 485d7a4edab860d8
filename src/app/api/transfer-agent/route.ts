import { route } from '@/server/http/route';
import { agentOverview } from '@/server/transfer-agents/service';

export const GET = route({ roles: ['transfer_agent'] }, async ({ tenant, principal }) => agentOverview(tenant, principal));
