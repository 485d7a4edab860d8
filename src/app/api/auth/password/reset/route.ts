import { resetPassword } from '@/server/auth/one-time-codes';
import { resetPasswordInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ body: resetPasswordInput }, async ({ tenant, body, meta }) => resetPassword(tenant, body, meta));
