import { REVIEWER_ROLES, adminAssets } from '@/server/assets/service';
import { route } from '@/server/http/route';

export const GET = route({ roles: REVIEWER_ROLES }, async ({ tenant, principal }) => adminAssets(tenant, principal));
