import { route } from '@/server/http/route';
import { emailSettingsPatch } from '@/server/notifications/email-settings';
import { emailSettingsOf, updateEmailSettings } from '@/server/notifications/language';

// The tenant's email default language and footer (legal name, postal address); changes are audited.
export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant }) => emailSettingsOf(tenant));
export const PATCH = route({ roles: ['tenant_admin'], body: emailSettingsPatch }, async ({ tenant, principal, body, meta }) => updateEmailSettings(tenant, principal, body, meta));
