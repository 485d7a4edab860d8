import { consoleRoute } from '@/server/platform/console/http';
import { tenantIdParams } from '@/server/platform/console/schema';
import { consoleResume } from '@/server/platform/console/tenants';
import { parseWith } from '@/server/http/validation';

export const POST = consoleRoute({}, async ({ admin, params, meta }) => consoleResume(admin, parseWith(tenantIdParams, params).id, meta));
