import { consoleRoute } from '@/server/platform/console/http';
import { suspendInput, tenantIdParams } from '@/server/platform/console/schema';
import { consoleSuspend } from '@/server/platform/console/tenants';
import { parseWith } from '@/server/http/validation';

export const POST = consoleRoute({ body: suspendInput }, async ({ admin, params, body, meta }) => consoleSuspend(admin, parseWith(tenantIdParams, params).id, body.reason, meta));
