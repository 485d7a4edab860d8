import { route } from '@/server/http/route';
import { kycSettingsPatch, kycSettingsView, updateKycSettings } from '@/server/kyc/kyc-settings';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, config }) => kycSettingsView(tenant, principal, config));
export const PATCH = route({ roles: ['tenant_admin'], body: kycSettingsPatch }, async ({ tenant, principal, config, body, meta }) => updateKycSettings(tenant, principal, config, body, meta));
