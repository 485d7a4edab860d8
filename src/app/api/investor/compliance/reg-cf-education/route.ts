import { acknowledgeRegCfEducation, regCfEducation } from '@/server/compliance/reg-cf-education';
import { regCfEducationAcknowledgementInput } from '@/server/compliance/schema';
import { route } from '@/server/http/route';

/** The Reg CF educational materials (17 CFR 227.302(b)) and the caller's acknowledgement (227.303(b)(2)). */
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => regCfEducation(tenant, principal));

export const POST = route({ auth: 'user', body: regCfEducationAcknowledgementInput }, async ({ tenant, principal, body, meta }) => acknowledgeRegCfEducation(tenant, principal, body, meta));
