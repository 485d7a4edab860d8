import { route } from '@/server/http/route';
import { tenantPatchInput, tenantSettingsView, updateTenantSettings } from '@/server/tenancy/admin';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal }) => tenantSettingsView(tenant, principal));
export const PATCH = route({ roles: ['tenant_admin'], body: tenantPatchInput }, async ({ tenant, principal, body, meta }) => updateTenantSettings(tenant, principal, body, meta));
