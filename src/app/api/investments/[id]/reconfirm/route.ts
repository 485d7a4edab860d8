import { reconfirmCommitment } from '@/server/compliance/reg-cf-material-change';
import { reconfirmInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The investor reconfirms a Reg CF commitment after a material change (17 CFR 227.304(c)). */
export const POST = route({ auth: 'user', body: reconfirmInput }, async ({ tenant, principal, params, meta }) => reconfirmCommitment(tenant, principal, parseWith(idParams, params).id, meta));
