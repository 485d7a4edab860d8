import { verifyEmail } from '@/server/auth/one-time-codes';
import { codeInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user', body: codeInput }, async ({ tenant, principal, body, meta }) => verifyEmail(tenant, principal, body.code, meta));
