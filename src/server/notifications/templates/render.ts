import { render } from '@react-email/render';
import { createElement } from 'react';
import type { EmailBrand } from '../email-settings';
import { emailMessages, fill, type Locale } from '../messages';
import { BrandedEmail } from './branded-email';
import type { MailContent } from './mail-content';

export type RenderedMail = { subject: string; text: string; html: string };

/** The plain-text part: the same content as the HTML, in reading order, links written out. */
export function plainText(brand: EmailBrand, locale: Locale, content: MailContent, unsubscribeUrl?: string): string {
  const m = emailMessages(locale);
  const lines: string[] = [];
  if (content.greetingName !== undefined) lines.push(fill(m.layout.greeting, { name: content.greetingName }), '');
  for (const p of content.paragraphs) lines.push(p, '');
  if (content.code) lines.push(`${m.layout.codeLabel}: ${content.code}`, '');
  if (content.quote) lines.push(content.quote, '');
  if (content.action) lines.push(`${content.action.label}: ${content.action.url}`, '');
  for (const p of content.closing ?? []) lines.push(p, '');
  lines.push('—', brand.name);
  if (brand.legalName) lines.push(brand.legalName);
  if (brand.postalAddress) lines.push(brand.postalAddress);
  lines.push(`${m.layout.manage}: ${brand.origin}/settings/notifications`);
  if (unsubscribeUrl) lines.push(fill(m.layout.unsubscribeText, { url: unsubscribeUrl }));
  return lines.join('\n');
}

/** Subject, text and HTML of one email in the tenant's branding and the reader's language. */
export async function renderMail(brand: EmailBrand, locale: Locale, content: MailContent, opts: { unsubscribeUrl?: string } = {}): Promise<RenderedMail> {
  const html = await render(createElement(BrandedEmail, { brand, locale, messages: emailMessages(locale), content, unsubscribeUrl: opts.unsubscribeUrl }));
  return { subject: `${brand.name}: ${content.subject}`, text: plainText(brand, locale, content, opts.unsubscribeUrl), html };
}
