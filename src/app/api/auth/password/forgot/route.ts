import { requestPasswordReset } from '@/server/auth/one-time-codes';
import { forgotPasswordInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ body: forgotPasswordInput }, async ({ tenant, body, meta }) => requestPasswordReset(tenant, body.email, meta));
