import { de } from './de';
import { en, type EmailMessages } from './en';

// The languages emails are offered in: each has a complete catalog (en.ts is the reference).

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for pickers. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

const CATALOGS: Record<Locale, EmailMessages> = { en, de };

export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

export function emailMessages(locale: Locale): EmailMessages {
  return CATALOGS[locale];
}

/** The member's language if offered, else the tenant's default if offered, else English. */
export function chooseLocale(userLocale: string | null | undefined, tenantDefault: unknown): Locale {
  if (isLocale(userLocale)) return userLocale;
  if (isLocale(tenantDefault)) return tenantDefault;
  return DEFAULT_LOCALE;
}

/** Fills {name} placeholders; a placeholder without a value stays visible, so a test can catch it. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export type { EmailMessages };
