import { route } from '@/server/http/route';
import { previewInput } from '@/server/newsletter/schema';
import { previewCampaign } from '@/server/newsletter/service';

export const POST = route({ roles: ['tenant_admin'], body: previewInput }, async ({ tenant, principal, body }) => previewCampaign(tenant, principal, body));
