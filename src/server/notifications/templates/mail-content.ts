// What one email says, independent of how it is drawn: the HTML template and the plain-text
// part are both made from this, so the two never disagree.
export type MailContent = {
  /** Without the community's name; the renderer puts it in front. */
  subject: string;
  /** First name for the greeting; none for mail to an address without an account. */
  greetingName?: string;
  paragraphs: string[];
  /** A one-time code, shown large. */
  code?: string;
  /** Text quoted from someone (a reviewer's reason, an issuer's update), shown set apart. */
  quote?: string;
  action?: { label: string; url: string };
  /** Paragraphs after the action. */
  closing?: string[];
  /** Sanitized HTML written by the tenant's staff (a newsletter's body), drawn after the paragraphs. */
  bodyHtml?: string;
  /** Replaces the footer's account notice (mail to a subscriber who may have no account). */
  notice?: string;
};
