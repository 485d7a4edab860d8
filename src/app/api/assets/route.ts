import { memberAssets } from '@/server/assets/service';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => memberAssets(tenant, principal));
