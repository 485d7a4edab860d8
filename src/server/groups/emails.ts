import type { Email } from '../notifications/email';

// The group messages investors receive (queued in the transaction of the change that causes them).

export function applicationDecidedEmail(to: string, tenantName: string, group: { name: string }, decision: 'approved' | 'rejected' | 'waitlisted', reason: string | null, link: string): Email {
  const what = { approved: 'approved: welcome', rejected: 'not approved', waitlisted: 'on the waitlist' }[decision];
  const body = {
    approved: `Your application to join ${group.name} was approved. You can now see the group's member-only deals:\n\n${link}`,
    rejected: `Your application to join ${group.name} was not approved.${reason ? `\n\nThe reason given: ${reason}` : ''}\n\n${link}`,
    waitlisted: `${group.name} put your application on its waitlist; you will hear from us when a place opens.${reason ? `\n\n${reason}` : ''}\n\n${link}`,
  }[decision];
  return { to, template: `group_application_${decision}`, subject: `${tenantName}: your application to ${group.name} is ${what}`, body };
}

export function newMemberDealEmail(to: string, tenantName: string, group: { name: string }, deal: { title: string }, link: string): Email {
  return {
    to,
    template: 'group_member_deal',
    subject: `${tenantName}: a new deal for ${group.name} members: "${deal.title}"`,
    body: `"${deal.title}" is open to the members of ${group.name}.\n\n${link}`,
  };
}

export function preCommittedDealOpenEmail(to: string, tenantName: string, deal: { title: string }, amount: string, link: string): Email {
  return {
    to,
    template: 'group_pre_commit_open',
    subject: `${tenantName}: "${deal.title}" is open, and you are the first to know`,
    body: `You indicated interest of ${amount} in "${deal.title}". It is open for investment now; members who pre-committed hear first.\n\n${link}`,
  };
}

export function memberRemovedEmail(to: string, tenantName: string, group: { name: string }, reason: string): Email {
  return {
    to,
    template: 'group_member_removed',
    subject: `${tenantName}: your membership of ${group.name} ended`,
    body: `The issuer running ${group.name} ended your membership.\n\nThe reason given: ${reason}`,
  };
}
