import { randomBytes, timingSafeEqual } from 'node:crypto';
import { initialsOf } from '../../ui/initials';

// Signed-in pages that differ between users only by who is named in the header (the account
// menu shows the name, the initials and the email) are rendered once as a template with
// placeholders in those places and filled in per request (src/server/http/page-cache.ts).
//
// The web server (scripts/serve.ts) asks Next.js for a template with a request header holding
// a secret drawn when the process starts; only a request carrying that exact secret gets
// placeholders instead of the signed-in user's name and email (src/app/session.ts). Nothing
// else about the user changes: roles, groups and what they may see come from their session.
//
// A placeholder is a private-use character (U+E000-U+E002, which nothing else on a page uses)
// followed by a random token, so it cannot occur by chance and needs no escaping anywhere.
// A value is written back escaped for where it stands: in the HTML as React escapes text and
// attributes, inside the inlined RSC payload (<script>self.__next_f.push([1,"…"])</script>)
// as React's flight JSON inside Next.js's JSON string inside a script.

export type Identity = { firstName: string; lastName: string; email: string };

type Template = { secret: string; token: string; first: string; last: string; email: string; initials: string };

const state: Template = ((globalThis as { __cdpIdentityTemplate?: Template }).__cdpIdentityTemplate ??= (() => {
  const token = randomBytes(12).toString('hex');
  const first = `\uE000${token}f`;
  const last = `\uE001${token}l`;
  return { secret: randomBytes(24).toString('hex'), token, first, last, email: `\uE002${token}e`, initials: initialsOf(`${first} ${last}`) };
})());

/** Request header asking for the template of a page. */
export const TEMPLATE_HEADER = 'x-cdp-identity-template';

/** The header value the web server sends with its own template requests. */
export const templateSecret = (): string => state.secret;

/** Whether a request header value is this process's secret (anything else is ignored). */
export function isTemplateRequest(value: string | null | undefined): boolean {
  if (!value || value.length !== state.secret.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(state.secret));
}

/** The identity rendered into a template. */
export const PLACEHOLDER_IDENTITY: Identity = { firstName: state.first, lastName: state.last, email: state.email };

/**
 * Whether a user's identity can be filled into a template exactly as rendering would print it.
 * React's flight format gives a string that starts with "$" a second "$", and writes a long one
 * as a separate row, so such values (and any private-use character) are rendered per request.
 */
export function fillable(id: Identity): boolean {
  return [id.firstName, id.lastName, id.email].every((v) => v.length <= 200 && !v.startsWith('$') && !/[\uE000-\uE002]/.test(v));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const SCRIPT_ESCAPES: Record<string, string> = { '&': '\\u0026', '>': '\\u003e', '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };
/** As React escapes text and attribute values. */
export const htmlText = (v: string) => v.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
/** A string inside flight JSON, inside Next.js's JSON string, inside a <script>. */
export const scriptText = (v: string) => JSON.stringify(JSON.stringify(v).slice(1, -1)).slice(1, -1).replace(/[&<>\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script>/g;
const count = (s: string, part: string) => s.split(part).length - 1;

/**
 * Checks a rendered template: every private-use character and every copy of the token belongs to
 * a whole placeholder (a streamed chunk boundary or a base64 chunk could cut one). Answers
 * whether it may be filled in.
 */
export function usableTemplate(body: string): boolean {
  if (body.includes('self.__next_f.push([3,')) return false;
  const firsts = count(body, state.first);
  const lasts = count(body, state.last);
  const emails = count(body, state.email);
  const initials = count(body, state.initials);
  return (
    count(body, state.token) === firsts + lasts + emails &&
    count(body, '\uE000') === firsts + initials &&
    count(body, '\uE001') === lasts + initials &&
    count(body, '\uE002') === emails
  );
}

function fillPart(part: string, id: Identity, escape: (v: string) => string): string {
  return part
    .replaceAll(state.first, escape(id.firstName))
    .replaceAll(state.last, escape(id.lastName))
    .replaceAll(state.email, escape(id.email))
    .replaceAll(state.initials, escape(initialsOf(`${id.firstName} ${id.lastName}`)));
}

/** The template with the user's identity written in, escaped for each place it stands. */
export function fillIdentity(template: string, id: Identity): string {
  if (!template.includes(state.token)) return template;
  let out = '';
  let at = 0;
  for (const m of template.matchAll(SCRIPT)) {
    out += fillPart(template.slice(at, m.index), id, htmlText);
    out += fillPart(m[0], id, scriptText);
    at = m.index + m[0].length;
  }
  return out + fillPart(template.slice(at), id, htmlText);
}
