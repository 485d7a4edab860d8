import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { approveReward } from '@/server/referrals/service';

// The admin approves a pending referral reward for payout (pending -> earned); audited.
export const POST = route({ roles: ['tenant_admin'], feature: 'referrals' }, async ({ tenant, principal, params, meta }) => approveReward(tenant, principal, parseWith(idParams, params).id, meta));
