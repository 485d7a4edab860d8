import { route } from '@/server/http/route';
import { brokerDashboard } from '@/server/brokers/service';

export const GET = route({ roles: ['broker'] }, async ({ tenant, principal }) => brokerDashboard(tenant, principal));
