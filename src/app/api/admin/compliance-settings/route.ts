import { complianceSettingsPatch } from '@/server/compliance/schema';
import { complianceSettingsView, updateComplianceSettings } from '@/server/compliance/settings';
import { route } from '@/server/http/route';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant }) => complianceSettingsView(tenant));
export const PATCH = route({ roles: ['tenant_admin'], body: complianceSettingsPatch }, async ({ tenant, principal, body, meta }) => updateComplianceSettings(tenant, principal, body, meta));
