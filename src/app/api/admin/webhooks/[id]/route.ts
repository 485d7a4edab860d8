import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { idParams } from '@/server/webhooks/schema';
import { removeEndpoint } from '@/server/webhooks/service';

export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params, meta }) => removeEndpoint(tenant, principal, parseWith(idParams, params).id, meta));
