import { regCfAllowance } from '@/server/compliance/reg-cf-allowance';
import { route } from '@/server/http/route';

/** The caller's Reg CF allowance for the 12 months ahead (17 CFR 227.100(a)(2)). */
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => regCfAllowance(tenant, principal));
