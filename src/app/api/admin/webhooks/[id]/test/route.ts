import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { idParams } from '@/server/webhooks/schema';
import { sendTestEvent } from '@/server/webhooks/service';

// "Send test event": queues a webhook.test delivery to this endpoint (sent within seconds).
export const POST = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => json(await sendTestEvent(tenant, principal, parseWith(idParams, params).id, meta), { status: 202 }));
