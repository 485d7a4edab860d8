import { MODERATORS, reportQueue } from '@/server/feed/service';
import { route } from '@/server/http/route';

export const GET = route({ roles: MODERATORS, feature: 'socialFeatures' }, async ({ tenant, principal }) => reportQueue(tenant, principal));
