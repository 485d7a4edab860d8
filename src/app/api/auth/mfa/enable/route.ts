import { confirmMfaSetup } from '@/server/auth/mfa';
import { mfaCodeInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user', body: mfaCodeInput }, async ({ tenant, principal, body, meta }) => confirmMfaSetup(tenant, principal, body.code, meta));
