import { consoleRoute } from '@/server/platform/console/http';
import { listConsoleTenants } from '@/server/platform/console/tenants';

export const GET = consoleRoute({}, async () => ({ tenants: await listConsoleTenants() }));
