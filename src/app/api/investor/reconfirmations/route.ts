import { myPendingReconfirmations } from '@/server/compliance/reg-cf-material-change';
import { route } from '@/server/http/route';

/** The caller's commitments awaiting reconfirmation after a material change (17 CFR 227.304(c)). */
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => myPendingReconfirmations(tenant, principal));
