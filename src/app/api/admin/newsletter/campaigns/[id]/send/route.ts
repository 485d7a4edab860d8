import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { sendInput } from '@/server/newsletter/schema';
import { sendCampaign } from '@/server/newsletter/service';

// Send now (no `at`) or schedule: the campaign gets a due time, and the sending job queues one
// email per recipient once (a second request finds it no longer a draft: 409).
export const POST = route({ roles: ['tenant_admin'], body: sendInput }, async ({ tenant, principal, params, body, meta }) => sendCampaign(tenant, principal, parseWith(idParams, params).id, body.at, meta));
