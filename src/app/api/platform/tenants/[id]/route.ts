import { consoleRoute } from '@/server/platform/console/http';
import { tenantIdParams } from '@/server/platform/console/schema';
import { consoleTenantDetail } from '@/server/platform/console/tenants';
import { parseWith } from '@/server/http/validation';

export const GET = consoleRoute({}, async ({ params }) => consoleTenantDetail(parseWith(tenantIdParams, params).id));
