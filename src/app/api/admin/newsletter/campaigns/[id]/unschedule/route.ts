import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { unscheduleCampaign } from '@/server/newsletter/service';

export const POST = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => unscheduleCampaign(tenant, principal, parseWith(idParams, params).id, meta));
