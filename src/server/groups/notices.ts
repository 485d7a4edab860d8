import type { NotificationEvent } from '../notifications/notify';
import type { Email } from '../notifications/email';

// What members and applicants hear about a group, as events for notify() (in-app and email, per
// each person's preferences), written in the transaction of the change that causes them.
// A removal is told by email only: it has no notification type of its own.

export function applicationDecidedNotice(
  userId: string,
  group: { id: string; name: string; slug: string },
  applicationId: string,
  decision: 'approved' | 'rejected' | 'waitlisted',
  reason: string | null,
): NotificationEvent {
  const title = { approved: `Welcome to ${group.name}`, rejected: `Your application to ${group.name} was not approved`, waitlisted: `You are on the waitlist of ${group.name}` }[decision];
  const body = {
    approved: `Your application to join ${group.name} was approved. You can now see the group's member-only deals.`,
    rejected: `Your application to join ${group.name} was not approved.${reason ? ` The reason given: ${reason}` : ''}`,
    waitlisted: `${group.name} put your application on its waitlist; you will hear from us when a place opens.${reason ? ` ${reason}` : ''}`,
  }[decision];
  return { type: 'group.application_decided', userId, title, body, link: `/groups/${group.slug}`, dedupeKey: `group.application_decided:${applicationId}:${decision}`, data: { groupId: group.id, groupName: group.name, decision, reason } };
}

export function memberDealNotice(userId: string, group: { id: string; name: string }, deal: { id: string; slug: string; title: string }): NotificationEvent {
  return {
    type: 'group.deal_published',
    userId,
    title: `A new deal for ${group.name} members: ${deal.title}`,
    body: `"${deal.title}" is open to the members of ${group.name}.`,
    link: `/deals/${deal.slug}`,
    dedupeKey: `group.deal_published:${deal.id}:${userId}`,
    data: { groupId: group.id, groupName: group.name, dealId: deal.id, dealTitle: deal.title },
  };
}

/** `money` lets the email write the amount in the reader's format; `amount` is the English text. */
export function preCommittedDealOpenNotice(
  userId: string,
  deal: { id: string; slug: string; title: string },
  amount: string,
  money?: { amountMinor: string; currency: string; decimals: number },
): NotificationEvent {
  return {
    type: 'group.precommit_opened',
    userId,
    title: `${deal.title} is open, and you are the first to know`,
    body: `You indicated interest of ${amount} in "${deal.title}". It is open for investment now; members who pre-committed hear first.`,
    link: `/deals/${deal.slug}`,
    dedupeKey: `group.precommit_opened:${deal.id}:${userId}`,
    data: { dealId: deal.id, dealTitle: deal.title, amount, ...money },
  };
}

// The removal mail lives with the other direct mails (its template, in every language).
export { memberRemovedEmail } from '../notifications/email';

/** An invitation to a private group, for someone who already has an account here. */
export function groupInvitedNotice(userId: string, group: { id: string; name: string }, invitationId: string, path: string, note: string | null): NotificationEvent {
  return {
    type: 'group.invited',
    userId,
    title: `You are invited to join ${group.name}`,
    body: `${group.name} invited you to join the group and see its member-only deals.${note ? ` ${note}` : ''} The invitation link works until it expires or the group withdraws it.`,
    link: path,
    dedupeKey: `group.invited:${invitationId}`,
    data: { groupId: group.id, invitationId },
  };
}

/** The same invitation for an address with no account here (they sign up, then follow the link). */
export function groupInvitationEmail(to: string, tenantName: string, group: { name: string }, url: string, note: string | null, expiresAt: Date): Email {
  return {
    to,
    template: 'group_invitation',
    subject: `${tenantName}: you are invited to join ${group.name}`,
    body: `${group.name} invited you to join its investment group on ${tenantName}.${note ? `\n\n${note}` : ''}\n\nCreate an account or sign in, then open this link (valid until ${expiresAt.toISOString().slice(0, 10)}):\n${url}`,
  };
}
