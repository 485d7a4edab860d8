import type { Config } from '../config';
import { isNotificationType, TYPE_RULES } from './catalog';
import { emailBrand, tenantOrigin } from './email-settings';
import { chooseLocale, emailMessages } from './messages';
import type { DueEmailRow } from './repo';
import { eventMailContent } from './templates/events';
import { renderMail } from './templates/render';
import { unsubscribeToken } from './unsubscribe-token';

export { tenantOrigin } from './email-settings';

// The email form of a notification, in the community's name and branding, in the member's
// language (theirs, else the tenant's default), with links back to its own site.
// Marketing-type mail carries RFC 8058 one-click unsubscribe headers (mail clients show an
// "Unsubscribe" button that POSTs to the link, which turns that type's email off) and an
// unsubscribe link in its footer; other mail carries neither.

export async function renderNotificationEmail(
  config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>,
  row: DueEmailRow,
): Promise<{ subject: string; body: string; html: string; headers: Record<string, string> }> {
  const brand = emailBrand(config, { name: row.tenant_name, domain: row.tenant_domain, slug: row.tenant_slug, theme_settings: row.tenant_theme, settings: row.tenant_settings });
  const origin = tenantOrigin(config, { domain: row.tenant_domain, slug: row.tenant_slug });
  const locale = chooseLocale(row.locale, brand.defaultLocale);
  const headers: Record<string, string> = {};
  let unsubscribeUrl: string | undefined;
  if (isNotificationType(row.type) && TYPE_RULES[row.type].marketing) {
    const token = unsubscribeToken({ tenantId: row.tenant_id, userId: row.user_id, type: row.type });
    unsubscribeUrl = `${origin}/settings/notifications?unsubscribe=${token}`;
    headers['List-Unsubscribe'] = `<${origin}/api/notifications/unsubscribe?token=${token}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const c = isNotificationType(row.type)
    ? eventMailContent(locale, { type: row.type, title: row.title, body: row.body, data: row.data ?? {}, createdAt: new Date(row.created_at) })
    : { subject: row.title, paragraphs: [row.body], action: emailMessages(locale).events['admin.alert'].action };
  const r = await renderMail(
    brand,
    locale,
    { subject: c.subject, greetingName: row.first_name, paragraphs: c.paragraphs, quote: c.quote, action: row.link ? { label: c.action, url: `${origin}${row.link}` } : undefined },
    { unsubscribeUrl },
  );
  return { subject: r.subject, body: r.text, html: r.html, headers };
}
