import { consoleRoute } from '@/server/platform/console/http';
import { consoleAuditQuery } from '@/server/platform/console/schema';
import { consoleAudit } from '@/server/platform/console/tenants';

export const GET = consoleRoute({ query: consoleAuditQuery }, async ({ query }) => consoleAudit(query));
