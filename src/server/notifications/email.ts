import { getConfig } from '../config';
import type { TenantTx } from '../db/tenant';
import { emailBrand } from './email-settings';
import { chooseLocale, DEFAULT_LOCALE, emailMessages, fill, type Locale } from './messages';
import { mailRecipient, mailTenant, insertEmail } from './repo';
import type { MailContent } from './templates/mail-content';
import { renderMail } from './templates/render';

// Mail is queued in the same transaction as the change that causes it (outbox), so a
// code is never sent for a change that rolled back, nor lost for one that committed.
// The builders below keep their signatures; each also says how to write its mail in any
// offered language (`compose`), and queueEmail draws it in the tenant's branding and the
// recipient's language (theirs if they chose one, else the tenant's default) with an HTML
// and a plain-text part.
export type Email = {
  to: string;
  template: string;
  /** In English (or `locale`), for callers that read it before queueing; queueEmail renders anew. */
  subject: string;
  body: string;
  compose?: (locale: Locale, tenantName: string) => MailContent;
  /** Forces a language; otherwise the recipient's. */
  locale?: Locale;
};

/** Options every builder takes last: a language to write in regardless of the recipient's choice. */
export type EmailOptions = { locale?: Locale };

function build(to: string, template: string, tenantName: string, compose: (locale: Locale, tenantName: string) => MailContent, opts: EmailOptions = {}): Email {
  const c = compose(opts.locale ?? DEFAULT_LOCALE, tenantName);
  const body = [...c.paragraphs, ...(c.quote ? [c.quote] : []), ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []), ...(c.closing ?? [])].join('\n\n');
  return { to, template, subject: `${tenantName}: ${c.subject}`, body, compose, locale: opts.locale };
}

/** The current tenant's mail branding (name, site, logo, colours, footer, default language). */
export async function tenantEmailBrand(t: TenantTx) {
  return emailBrand(getConfig(), await mailTenant(t));
}

export async function queueEmail(t: TenantTx, email: Email): Promise<string> {
  const brand = await tenantEmailBrand(t);
  if (!email.compose) {
    // Free text from a sweep or report, written in English: drawn in the tenant's layout as written.
    const r = await renderMail(brand, 'en', { subject: email.subject, paragraphs: email.body.split(/\n{2,}/) });
    return insertEmail(t, { to: email.to, template: email.template, subject: email.subject, body: r.text, html: r.html });
  }
  const recipient = await mailRecipient(t, email.to);
  const locale = email.locale ?? chooseLocale(recipient?.locale, brand.defaultLocale);
  const composed = email.compose(locale, brand.name);
  // A path inside the site (what callers pass as a deal's link) becomes a link to the tenant's own site.
  const action = composed.action && composed.action.url.startsWith('/') ? { ...composed.action, url: `${brand.origin}${composed.action.url}` } : composed.action;
  const content = { ...composed, action, greetingName: recipient?.first_name };
  const r = await renderMail(brand, locale, content);
  return insertEmail(t, { to: email.to, template: email.template, subject: r.subject, body: r.text, html: r.html });
}

export function verificationCodeEmail(to: string, tenantName: string, code: string, opts?: EmailOptions): Email {
  return build(to, 'email_verification', tenantName, (locale, tenant) => {
    const m = emailMessages(locale).mail.verification;
    return { subject: m.subject, paragraphs: [fill(m.body, { code })], code, closing: [fill(m.ignore, { tenant })] };
  }, opts);
}

export function passwordResetEmail(to: string, tenantName: string, code: string, opts?: EmailOptions): Email {
  return build(to, 'password_reset', tenantName, (locale) => {
    const m = emailMessages(locale).mail.passwordReset;
    return { subject: m.subject, paragraphs: [fill(m.body, { code })], code, closing: [m.ignore] };
  }, opts);
}

export function dealRejectedEmail(to: string, tenantName: string, deal: { title: string }, reason: string, link: string, opts?: EmailOptions): Email {
  return build(to, 'deal_rejected', tenantName, (locale) => {
    const m = emailMessages(locale).mail.dealRejected;
    return { subject: fill(m.subject, { deal: deal.title }), paragraphs: [fill(m.body, { deal: deal.title })], quote: reason, action: { label: m.action, url: link }, closing: [m.next] };
  }, opts);
}

export function dealApprovedEmail(to: string, tenantName: string, deal: { title: string }, link: string, opts?: EmailOptions): Email {
  return build(to, 'deal_approved', tenantName, (locale) => {
    const m = emailMessages(locale).mail.dealApproved;
    return { subject: fill(m.subject, { deal: deal.title }), paragraphs: [fill(m.body, { deal: deal.title })], action: { label: m.action, url: link } };
  }, opts);
}

export function memberRemovedEmail(to: string, tenantName: string, group: { name: string }, reason: string, opts?: EmailOptions): Email {
  return build(to, 'group_member_removed', tenantName, (locale) => {
    const m = emailMessages(locale).mail.memberRemoved;
    return { subject: fill(m.subject, { group: group.name }), paragraphs: [fill(m.body, { group: group.name }), fill(m.reason, { reason })] };
  }, opts);
}

