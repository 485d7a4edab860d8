import type { NotificationType } from '../catalog';
import { emailMessages, fill, type Locale } from '../messages';
import { formatDate, formatDateTime, formatMoney } from '../messages/format';
import type { MailContent } from './mail-content';

// One email template per notification type, in every offered language: the words come from
// the message catalogs, the facts from the event's data (amounts in minor units with their
// currency and decimals, dates as ISO strings), formatted for the reader's locale. An event
// whose data lacks a fact its template needs (written before templates existed, or by a
// caller that sends only a title and body) is mailed with the title and body it was written
// with, as before.

export type EventMailInput = {
  type: NotificationType;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
};

type Content = Pick<MailContent, 'subject' | 'paragraphs' | 'quote'> & { action: string };
type Template = (locale: Locale, e: EventMailInput) => Content | null;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The event's amount (amountMinor, currency, decimals in its data) in the reader's format. */
function amount(locale: Locale, d: Record<string, unknown>): string | null {
  const minor = str(d.amountMinor);
  const currency = str(d.currency);
  const decimals = typeof d.decimals === 'number' && Number.isInteger(d.decimals) && d.decimals >= 0 ? d.decimals : null;
  if (!minor || !/^-?\d+$/.test(minor) || !currency || decimals === null) return null;
  return formatMoney(locale, minor, decimals, currency);
}

function validDate(v: unknown): string | null {
  const s = str(v);
  return s && !Number.isNaN(Date.parse(s)) ? s : null;
}

const investment =
  (notice: 'investment.received' | 'investment.confirmed' | 'investment.refunded'): Template =>
  (locale, e) => {
    const m = emailMessages(locale).events[notice];
    const deal = str(e.data.dealTitle);
    const a = amount(locale, e.data);
    if (!deal || !a) return null;
    const reason = notice === 'investment.refunded' ? str(e.data.reason) : null;
    const paragraphs = [fill(m.body, { deal, amount: a })];
    if (reason && 'reason' in m) paragraphs.push(fill(m.reason, { reason }));
    return { subject: fill(m.subject, { deal }), paragraphs, action: m.action };
  };

const fixed =
  (type: 'security.password_changed' | 'security.password_reset' | 'security.mfa_changed'): Template =>
  (locale) => {
    const m = emailMessages(locale).events[type];
    return { subject: m.subject, paragraphs: [m.body], action: m.action };
  };

export const EVENT_TEMPLATES: Record<NotificationType, Template> = {
  'group.application_decided': (locale, e) => {
    const m = emailMessages(locale).events['group.application_decided'];
    const group = str(e.data.groupName);
    const decision = e.data.decision;
    if (!group || (decision !== 'approved' && decision !== 'rejected' && decision !== 'waitlisted')) return null;
    const reason = str(e.data.reason);
    const paragraphs = [fill(m[`${decision}Body`], { group })];
    if (reason && decision !== 'approved') paragraphs.push(fill(m.reason, { reason }));
    return { subject: fill(m[`${decision}Subject`], { group }), paragraphs, action: m.action };
  },
  'group.invited': (locale, e) => {
    const m = emailMessages(locale).events['group.invited'];
    const group = str(e.data.groupName);
    return group ? { subject: fill(m.subject, { group }), paragraphs: [fill(m.body, { group })], action: m.action } : null;
  },
  'group.deal_published': (locale, e) => {
    const m = emailMessages(locale).events['group.deal_published'];
    const group = str(e.data.groupName);
    const deal = str(e.data.dealTitle);
    return group && deal ? { subject: fill(m.subject, { group, deal }), paragraphs: [fill(m.body, { group, deal })], action: m.action } : null;
  },
  'group.precommit_opened': (locale, e) => {
    const m = emailMessages(locale).events['group.precommit_opened'];
    const deal = str(e.data.dealTitle);
    const a = amount(locale, e.data);
    return deal && a ? { subject: fill(m.subject, { deal }), paragraphs: [fill(m.body, { deal, amount: a })], action: m.action } : null;
  },
  'investment.received': investment('investment.received'),
  'investment.confirmed': investment('investment.confirmed'),
  'investment.refunded': investment('investment.refunded'),
  'escrow.deadline': (locale, e) => {
    const m = emailMessages(locale).events['escrow.deadline'];
    const a = amount(locale, e.data);
    const expires = validDate(e.data.expiresAt);
    return a && expires ? { subject: m.subject, paragraphs: [fill(m.body, { amount: a, date: formatDate(locale, expires) })], action: m.action } : null;
  },
  'kyc.decided': (locale, e) => {
    const m = emailMessages(locale).events['kyc.decided'];
    const status = e.data.status;
    if (status !== 'approved' && status !== 'rejected' && status !== 'retry') return null;
    const reason = str(e.data.reason);
    const paragraphs = [m[`${status}Body`]];
    if (reason && status !== 'approved') paragraphs.push(fill(m.reason, { reason }));
    return { subject: m[`${status}Subject`], paragraphs, action: m.action };
  },
  'deal.update': (locale, e) => {
    const m = emailMessages(locale).events['deal.update'];
    const deal = str(e.data.dealTitle);
    const update = str(e.data.updateTitle);
    // The issuer's words are theirs: quoted as written, in whatever language they wrote.
    return deal && update ? { subject: fill(m.subject, { deal, update }), paragraphs: [fill(m.body, { deal })], quote: e.body, action: m.action } : null;
  },
  'security.password_changed': fixed('security.password_changed'),
  'security.password_reset': fixed('security.password_reset'),
  'security.mfa_changed': fixed('security.mfa_changed'),
  'security.mfa_locked': (locale, e) => {
    const m = emailMessages(locale).events['security.mfa_locked'];
    const minutes = typeof e.data.minutes === 'number' ? e.data.minutes : null;
    return minutes === null ? null : { subject: m.subject, paragraphs: [fill(m.body, { minutes })], action: m.action };
  },
  'security.new_sign_in': (locale, e) => {
    const m = emailMessages(locale).events['security.new_sign_in'];
    const at = validDate(e.data.at) ?? e.createdAt.toISOString();
    return { subject: m.subject, paragraphs: [fill(m.body, { date: formatDateTime(locale, at) })], action: m.action };
  },
  'investment.reconfirmation_required': (locale, e) => {
    const m = emailMessages(locale).events['investment.reconfirmation_required'];
    const deal = str(e.data.dealTitle);
    const by = validDate(e.data.reconfirmBy);
    if (!deal || !by) return null;
    const date = formatDate(locale, by);
    const change = str(e.data.changeDescription);
    const paragraphs = [fill(m.body, { deal, date })];
    if (change) paragraphs.push(m.change);
    // The issuer's description of the change is theirs: quoted as written.
    return { subject: fill(m.subject, { deal, date }), paragraphs, ...(change ? { quote: change } : {}), action: m.action };
  },
  'investment.cancelled': (locale, e) => {
    const m = emailMessages(locale).events['investment.cancelled'];
    const deal = str(e.data.dealTitle);
    if (!deal) return null;
    const paragraphs = [fill(m.body, { deal })];
    if (e.data.refunding === true) paragraphs.push(m.refunding);
    return { subject: fill(m.subject, { deal }), paragraphs, action: m.action };
  },
  'security.account_exists': (locale, e) => {
    const m = emailMessages(locale).events['security.account_exists'];
    const tenant = str(e.data.tenantName);
    return tenant ? { subject: m.subject, paragraphs: [fill(m.body, { tenant })], action: m.action } : null;
  },
  'broker.invited': (locale, e) => {
    const m = emailMessages(locale).events['broker.invited'];
    const broker = str(e.data.brokerName);
    return broker ? { subject: fill(m.subject, { broker }), paragraphs: [fill(m.body, { broker })], action: m.action } : null;
  },
  'feed.moderated': (locale, e) => {
    const m = emailMessages(locale).events['feed.moderated'];
    const kind = e.data.kind;
    const outcome = e.data.outcome;
    const reason = str(e.data.reason);
    if ((kind !== 'post' && kind !== 'comment') || (outcome !== 'hidden' && outcome !== 'removed') || !reason) return null;
    const subject = m[`${kind}${outcome === 'hidden' ? 'Hidden' : 'Removed'}`];
    return { subject, paragraphs: [fill(m.reason, { reason })], action: m.action };
  },
  'admin.alert': (locale, e) => {
    const m = emailMessages(locale).events['admin.alert'];
    // An alert's text is written by the system that raised it; the frame around it is translated.
    return { subject: fill(m.subject, { title: e.title }), paragraphs: [e.body], action: m.action };
  },
};

/** The mail for an event in `locale`; the event's own title and body when its template lacks a fact. */
export function eventMailContent(locale: Locale, e: EventMailInput): Content {
  return EVENT_TEMPLATES[e.type](locale, e) ?? { subject: e.title, paragraphs: [e.body], action: emailMessages(locale).events[e.type].action };
}
