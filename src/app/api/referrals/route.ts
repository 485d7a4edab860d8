import { route } from '@/server/http/route';
import { referralDashboard } from '@/server/referrals/service';

export const GET = route({ auth: 'user', feature: 'referrals' }, async ({ tenant, principal }) => referralDashboard(tenant, principal));
