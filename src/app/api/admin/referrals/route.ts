import { route } from '@/server/http/route';
import { referralAdminOverview } from '@/server/referrals/service';

export const GET = route({ roles: ['tenant_admin'], feature: 'referrals' }, async ({ tenant, principal }) => referralAdminOverview(tenant, principal));
