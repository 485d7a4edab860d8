import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { updateBrokerInput } from '@/server/brokers/schema';
import { updateBroker } from '@/server/brokers/service';

export const PUT = route({ roles: ['tenant_admin'], body: updateBrokerInput }, async ({ tenant, principal, params, body, meta }) => updateBroker(tenant, principal, parseWith(idParams, params).id, body, meta));
