import { beginMfaSetup } from '@/server/auth/mfa';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user' }, async ({ tenant, principal, meta }) => beginMfaSetup(tenant, principal, meta));
