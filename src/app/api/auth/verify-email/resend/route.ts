import { resendEmailVerification } from '@/server/auth/one-time-codes';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user' }, async ({ tenant, principal }) => resendEmailVerification(tenant, principal));
