import { route } from '@/server/http/route';
import { myPositions } from '@/server/lending/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => myPositions(tenant, principal));
