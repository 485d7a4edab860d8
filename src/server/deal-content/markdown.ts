import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// A private instance, so no other module's marked.use() changes what is rendered here.
const parser = new Marked({ gfm: true, breaks: false, async: false });

/**
 * The allowlist: formatting, lists, tables, code, quotes, links and images only. Anything
 * else (script, style, iframe, object, svg, forms) is dropped with its content, every
 * attribute not listed (on*, style) is stripped, and URLs are limited to safe schemes.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre',
    'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub',
  ],
  allowedAttributes: {
    // rel and target are always overwritten by the transform below.
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  transformTags: {
    // User content may link out, but must not pass authority or a window handle to the target.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** Markdown (or plain text) from users, as HTML that is safe to put in a page. */
export function renderMarkdown(md: string): string {
  const html = parser.parse(md) as string;
  return sanitizeHtml(html, POLICY);
}

/** The deal's description as safe HTML, for the deal detail view (`descriptionHtml`). */
export function dealDescriptionHtml(deal: { description: string }): string {
  return renderMarkdown(deal.description);
}
