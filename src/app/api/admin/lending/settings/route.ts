import { route } from '@/server/http/route';
import { lendingSettingsInput } from '@/server/lending/schema';
import { saveLendingSettings } from '@/server/lending/service';

export const PUT = route({ roles: ['tenant_admin'], body: lendingSettingsInput }, async ({ tenant, principal, body, meta }) => saveLendingSettings(tenant, principal, body, meta));
