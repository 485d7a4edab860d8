import { disableMfa } from '@/server/auth/mfa';
import { mfaCodeInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

export const POST = route({ auth: 'user', body: mfaCodeInput }, async ({ tenant, principal, body, meta }) => disableMfa(tenant, principal, body.code, meta));
