import type { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { lockTenantSettingsRow } from '../tenancy/repo';
import { invalidateTenantCache, type TenantContext } from '../tenancy/resolve';
import { settingsSection } from '../tenancy/settings-section';
import { type emailSettingsPatch, readEmailSettings } from './email-settings';
import { chooseLocale, isLocale, LOCALE_NAMES, LOCALES } from './messages';
import { setUserLocale, userLocale, writeEmailSettings } from './repo';
import type { languageInput } from './schema';

// Which language a member's emails are written in (their choice, else the tenant's default),
// and the tenant's email settings (default language, legal name and postal address for the
// footer), changed by its admins and audited.

const offered = () => LOCALES.map((code) => ({ code, name: LOCALE_NAMES[code] }));

function languageView(own: string | null, tenantSettings: Record<string, unknown>) {
  const tenantDefault = readEmailSettings(tenantSettings).defaultLocale;
  return { locale: isLocale(own) ? own : null, effective: chooseLocale(own, tenantDefault), tenantDefault, offered: offered() };
}

export async function myLanguage(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, p, async (t) => languageView(await userLocale(t, p.userId), tenant.settings));
}

export async function setMyLanguage(tenant: TenantContext, p: Principal, input: z.infer<typeof languageInput>) {
  return withTenant(tenant.id, p, async (t) => {
    await setUserLocale(t, p.userId, input.locale);
    return languageView(input.locale, tenant.settings);
  });
}

export function emailSettingsOf(tenant: Pick<TenantContext, 'settings'>) {
  return { ...readEmailSettings(tenant.settings), offeredLocales: offered() };
}

/** PATCH /api/admin/email-settings: only the fields sent change; null clears a footer line. */
export async function updateEmailSettings(tenant: TenantContext, admin: Principal, patch: z.infer<typeof emailSettingsPatch>, meta: RequestMeta) {
  const result = await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const { settings } = await lockTenantSettingsRow(t);
    const before = readEmailSettings(settings);
    const email = { ...settingsSection(settings, 'email') };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) email[k] = v === '' ? null : v;
    await writeEmailSettings(t, email);
    const after = readEmailSettings({ ...settings, email });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'tenant.email_settings_updated', targetType: 'tenant', targetId: tenant.id, metadata: { fields: Object.keys(patch), before, after } }, meta);
    return { ...after, offeredLocales: offered() };
  });
  invalidateTenantCache(tenant.id);
  return result;
}
