import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { idParams } from '@/server/webhooks/schema';
import { endpointDeliveries } from '@/server/webhooks/service';

// The endpoint's delivery log, newest first: status, attempts, last answer.
export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params }) => endpointDeliveries(tenant, principal, parseWith(idParams, params).id));
