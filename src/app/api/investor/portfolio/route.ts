import { route } from '@/server/http/route';
import { portfolio } from '@/server/investments/portfolio';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => portfolio(tenant, principal));
