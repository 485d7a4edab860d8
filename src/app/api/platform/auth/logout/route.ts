import { json } from '@/server/http/route';
import { clearedConsoleCookies, consoleRoute } from '@/server/platform/console/http';
import { consoleSignOut } from '@/server/platform/console/sign-in';

export const POST = consoleRoute({}, async ({ admin, meta }) => {
  await consoleSignOut(admin, meta);
  return json({ success: true }, { cookies: clearedConsoleCookies() });
});
