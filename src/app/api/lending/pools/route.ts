import { route } from '@/server/http/route';
import { listPools } from '@/server/lending/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => listPools(tenant, principal));
