import { json, route } from '@/server/http/route';
import { campaignInput } from '@/server/newsletter/schema';
import { createCampaign, listAllCampaigns } from '@/server/newsletter/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => listAllCampaigns(tenant, principal));

export const POST = route({ roles: ['tenant_admin'], body: campaignInput }, async ({ tenant, principal, body, meta }) => json(await createCampaign(tenant, principal, body, meta), { status: 201 }));
