import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { campaignPatch } from '@/server/newsletter/schema';
import { editCampaign, getCampaign } from '@/server/newsletter/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params }) => getCampaign(tenant, principal, parseWith(idParams, params).id));

export const PATCH = route({ roles: ['tenant_admin'], body: campaignPatch }, async ({ tenant, principal, params, body, meta }) => editCampaign(tenant, principal, parseWith(idParams, params).id, body, meta));
