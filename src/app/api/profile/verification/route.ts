import { route } from '@/server/http/route';
import { getOwnKyc } from '@/server/kyc/investor';

// The seed's /api/profile/verification: the caller's verification status, as /api/investor/kyc (docs/api-aliases.md).
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => getOwnKyc(tenant, principal));
