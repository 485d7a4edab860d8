import { consoleRoute } from '@/server/platform/console/http';
import { consoleSignInInput } from '@/server/platform/console/schema';
import { consoleSignIn } from '@/server/platform/console/sign-in';

export const POST = consoleRoute({ auth: 'public', body: consoleSignInInput }, async ({ body, meta }) => {
  const r = await consoleSignIn(body, meta);
  return { mfaRequired: true as const, mfaToken: r.mfaToken, expiresIn: r.expiresIn };
});
