import { consoleRoute } from '@/server/platform/console/http';

export const GET = consoleRoute({}, async ({ admin }) => ({ admin: { id: admin.id, email: admin.email, name: admin.name } }));
