import { route } from '@/server/http/route';
import { getOwnKyc } from '@/server/kyc/investor';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => getOwnKyc(tenant, principal));
