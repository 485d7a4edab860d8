import { z } from 'zod';
import type { Config } from '../config';
import { settingsSection } from '../tenancy/settings-section';
import { resolveTheme } from '../tenancy/theme';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from './messages';

// What a tenant's emails look like and say by default: its name, logo and colours (the
// branding of its site), the language for members who chose none, and the legal name and
// postal address its footer shows (stored in tenants.settings.email).

const text = (max: number, what: string) => z.string().trim().max(max, `${what} is at most ${max} characters`);

export const emailSettingsPatch = z
  .object({
    defaultLocale: z.enum(LOCALES, { message: `defaultLocale is one of the offered languages: ${LOCALES.join(', ')}` }).optional(),
    legalName: text(200, 'legalName').nullable().optional(),
    postalAddress: text(500, 'postalAddress').nullable().optional(),
  })
  .strict();

export const emailSettingsView = z.object({
  defaultLocale: z.enum(LOCALES),
  legalName: z.string().nullable(),
  postalAddress: z.string().nullable(),
  offeredLocales: z.array(z.object({ code: z.enum(LOCALES), name: z.string() })),
});

/** The tenant's site: its own domain when it has one, else its subdomain of the platform. */
export function tenantOrigin(config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>, t: { domain: string | null; slug: string }): string {
  if (t.domain) return `https://${t.domain}`;
  if (config.APP_ENV === 'production') return `https://${t.slug}.${config.PLATFORM_BASE_DOMAIN}`;
  return `http://${t.slug}.${config.PLATFORM_BASE_DOMAIN}${config.PORT === 80 ? '' : `:${config.PORT}`}`;
}

export type EmailSettings = { defaultLocale: Locale; legalName: string | null; postalAddress: string | null };

export function readEmailSettings(settings: Record<string, unknown> | null | undefined): EmailSettings {
  const s = settingsSection(settings ?? {}, 'email');
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  return { defaultLocale: isLocale(s.defaultLocale) ? s.defaultLocale : DEFAULT_LOCALE, legalName: str(s.legalName), postalAddress: str(s.postalAddress) };
}

export type EmailBrand = {
  name: string;
  /** The tenant's site, for links and a site-relative logo. */
  origin: string;
  /** Absolute URL of the logo, or null: the mail shows the name instead. Never fetched while rendering. */
  logoUrl: string | null;
  primary: string;
  text: string;
  legalName: string | null;
  postalAddress: string | null;
  defaultLocale: Locale;
};

export type BrandSource = { name: string; domain: string | null; slug: string; theme_settings: unknown; settings: unknown };

export function emailBrand(config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>, t: BrandSource): EmailBrand {
  const origin = tenantOrigin(config, t);
  const theme = resolveTheme(t.theme_settings);
  const logo = theme.logo.light ?? null;
  const email = readEmailSettings(t.settings as Record<string, unknown>);
  return {
    name: t.name,
    origin,
    logoUrl: logo ? (logo.startsWith('/') ? `${origin}${logo}` : logo) : null,
    primary: theme.colors.primary,
    text: theme.colors.text,
    legalName: email.legalName,
    postalAddress: email.postalAddress,
    defaultLocale: email.defaultLocale,
  };
}
