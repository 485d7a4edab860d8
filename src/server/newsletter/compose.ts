import { renderMarkdown } from '../deal-content/markdown';
import type { EmailBrand } from '../notifications/email-settings';
import { emailMessages, fill } from '../notifications/messages';
import { renderMail } from '../notifications/templates/render';

// A campaign drawn once in the tenant's email layout, with placeholders where each recipient's
// own links go: every http(s) link of the body becomes LINK_i (the i-th tracked target) and the
// footer's unsubscribe link UNSUBSCRIBE_URL. Queueing (repo.queueCampaignBatch) replaces them per
// recipient in SQL; the preview replaces them with the plain targets.

export const UNSUBSCRIBE_URL = '__CDP_NEWSLETTER_UNSUBSCRIBE__';
export const linkPlaceholder = (i: number) => `__CDP_NEWSLETTER_LINK_${i}__`;
export const MAX_TRACKED_LINKS = 100;

export type ComposedCampaign = { subject: string; html: string; text: string; links: string[] };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#39;': "'", '&#x27;': "'" };
const decode = (s: string) => s.replace(/&(amp|quot|lt|gt|#39|#x27);/g, (m) => ENTITIES[m] ?? m);
const encode = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sanitized body with its links swapped for placeholders, and the targets in order. */
export function trackLinks(bodyHtml: string, origin: string): { html: string; links: string[] } {
  const links: string[] = [];
  const html = bodyHtml.replace(/(<a\b[^>]*?\shref=")([^"]*)(")/g, (whole, open: string, href: string, close: string) => {
    let target: string;
    try {
      target = new URL(decode(href), `${origin}/`).toString();
    } catch {
      return whole;
    }
    if (!/^https?:/.test(target)) return whole; // mailto: stays as written
    let i = links.indexOf(target);
    if (i < 0) {
      if (links.length >= MAX_TRACKED_LINKS) return whole;
      i = links.push(target) - 1;
    }
    return `${open}${linkPlaceholder(i)}${close}`;
  });
  return { html, links };
}

/** The body as plain text: blocks on their own lines, each link written out after its label. */
export function bodyText(html: string): string {
  return decode(
    html
      .replace(/<a\b[^>]*?\shref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, label: string) => `${label} (${href})`)
      .replace(/<li\b[^>]*>/g, '- ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(p|h[1-6]|li|blockquote|pre|tr|table|ul|ol)>/g, '\n\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function composeCampaign(brand: EmailBrand, input: { subject: string; bodyMarkdown: string }): Promise<ComposedCampaign> {
  const { html: bodyHtml, links } = trackLinks(renderMarkdown(input.bodyMarkdown), brand.origin);
  const locale = brand.defaultLocale;
  const notice = fill(emailMessages(locale).mail.newsletterNotice, { tenant: brand.name });
  const r = await renderMail(brand, locale, { subject: input.subject, paragraphs: [], bodyHtml, notice }, { unsubscribeUrl: UNSUBSCRIBE_URL });
  // renderMail's text part has the layout's lines; the body goes where its paragraphs would.
  const text = (await renderMail(brand, locale, { subject: input.subject, paragraphs: [bodyText(bodyHtml), notice] }, { unsubscribeUrl: UNSUBSCRIBE_URL })).text;
  return { subject: r.subject, html: r.html, text, links };
}

/** What a reader would see, links pointing straight at their targets (the admin's preview). */
export function previewOf(c: ComposedCampaign): { subject: string; html: string; text: string } {
  const fillIn = (s: string, escape: boolean) =>
    c.links.reduce((acc, target, i) => acc.split(linkPlaceholder(i)).join(escape ? encode(target) : target), s).split(UNSUBSCRIBE_URL).join('#unsubscribe');
  return { subject: c.subject, html: fillIn(c.html, true), text: fillIn(c.text, false) };
}
