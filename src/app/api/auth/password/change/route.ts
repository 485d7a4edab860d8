import { changePassword } from '@/server/auth/profile';
import { changePasswordInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user', body: changePasswordInput }, async ({ tenant, principal, body, meta }) => changePassword(tenant, principal, body, meta));
