import { route } from '@/server/http/route';
import { configuredKycProviders } from '@/server/kyc/admin-credentials';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => configuredKycProviders(tenant, principal));
