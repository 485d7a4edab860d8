import type { Config } from '../config';
import { isNotificationType, TYPE_RULES } from './catalog';
import type { DueEmailRow } from './repo';
import { unsubscribeToken } from './unsubscribe-token';

// The email form of a notification, in the community's name, with links back to its own site.
// Marketing-type mail carries RFC 8058 one-click unsubscribe headers: mail clients show an
// "Unsubscribe" button that POSTs to the link, which turns that type's email off.

/** The tenant's site: its own domain when it has one, else its subdomain of the platform. */
export function tenantOrigin(config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>, t: { domain: string | null; slug: string }): string {
  if (t.domain) return `https://${t.domain}`;
  if (config.APP_ENV === 'production') return `https://${t.slug}.${config.PLATFORM_BASE_DOMAIN}`;
  return `http://${t.slug}.${config.PLATFORM_BASE_DOMAIN}${config.PORT === 80 ? '' : `:${config.PORT}`}`;
}

export function renderNotificationEmail(config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>, row: DueEmailRow): { subject: string; body: string; headers: Record<string, string> } {
  const origin = tenantOrigin(config, { domain: row.tenant_domain, slug: row.tenant_slug });
  const lines = [`Hello ${row.first_name},`, '', row.body];
  if (row.link) lines.push('', `${origin}${row.link}`);
  lines.push('', '—', `${row.tenant_name}`, `Choose what you hear about: ${origin}/settings/notifications`);
  const headers: Record<string, string> = {};
  if (isNotificationType(row.type) && TYPE_RULES[row.type].marketing) {
    const token = unsubscribeToken({ tenantId: row.tenant_id, userId: row.user_id, type: row.type });
    lines.push(`Stop these emails: ${origin}/settings/notifications?unsubscribe=${token}`);
    headers['List-Unsubscribe'] = `<${origin}/api/notifications/unsubscribe?token=${token}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject: `${row.tenant_name}: ${row.title}`, body: lines.join('\n'), headers };
}
