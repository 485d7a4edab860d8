import type { NotificationChannel } from '../db/types';

// Every kind of event a user can hear about, the channels it goes to when nobody chose
// otherwise, and the channels nobody can switch off: security messages and the confirmations
// an investor is legally owed (Reg CF 227.303(f): notice of a commitment and its confirmation;
// a refund is the same money coming back). Marketing-type events carry a one-click
// unsubscribe in their emails (RFC 8058).

export const NOTIFICATION_TYPES = [
  'group.application_decided',
  'group.invited',
  'group.deal_published',
  'group.precommit_opened',
  'investment.received',
  'investment.confirmed',
  'investment.refunded',
  'investment.reconfirmation_required',
  'investment.cancelled',
  'escrow.deadline',
  'kyc.decided',
  'deal.update',
  'broker.invited',
  'feed.moderated',
  'security.password_changed',
  'security.password_reset',
  'security.mfa_changed',
  'security.mfa_locked',
  'security.new_sign_in',
  'security.account_exists',
  'admin.alert',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const CHANNELS: readonly NotificationChannel[] = ['in_app', 'email', 'telegram'];

type TypeRule = { label: string; defaults: NotificationChannel[]; locked: NotificationChannel[]; marketing: boolean };

const everywhere: NotificationChannel[] = ['in_app', 'email', 'telegram'];
const mandatory: NotificationChannel[] = ['in_app', 'email'];

export const TYPE_RULES: Record<NotificationType, TypeRule> = {
  'group.application_decided': { label: 'Group application decided', defaults: everywhere, locked: [], marketing: false },
  'group.invited': { label: 'Invitation to a group', defaults: everywhere, locked: [], marketing: false },
  'broker.invited': { label: 'Invitation from a broker', defaults: everywhere, locked: [], marketing: false },
  'feed.moderated': { label: 'A moderator hid or removed your post or comment', defaults: ['in_app', 'email'], locked: [], marketing: false },
  'group.deal_published': { label: 'New deal in your group', defaults: everywhere, locked: [], marketing: true },
  'group.precommit_opened': { label: 'Pre-commitments opened', defaults: everywhere, locked: [], marketing: true },
  'investment.received': { label: 'Investment received', defaults: everywhere, locked: mandatory, marketing: false },
  'investment.confirmed': { label: 'Investment confirmed', defaults: everywhere, locked: mandatory, marketing: false },
  'investment.refunded': { label: 'Investment refunded', defaults: everywhere, locked: mandatory, marketing: false },
  'investment.reconfirmation_required': { label: 'Reconfirm your investment after a material change', defaults: everywhere, locked: mandatory, marketing: false },
  'investment.cancelled': { label: 'Investment cancelled', defaults: everywhere, locked: mandatory, marketing: false },
  'escrow.deadline': { label: 'Escrow deadline approaching', defaults: everywhere, locked: mandatory, marketing: false },
  'kyc.decided': { label: 'Verification decided', defaults: everywhere, locked: mandatory, marketing: false },
  'deal.update': { label: 'Updates from deals you invested in', defaults: everywhere, locked: [], marketing: true },
  'security.password_changed': { label: 'Password changed', defaults: mandatory, locked: mandatory, marketing: false },
  'security.password_reset': { label: 'Password reset requested', defaults: mandatory, locked: mandatory, marketing: false },
  'security.mfa_changed': { label: 'Two-factor sign-in changed', defaults: mandatory, locked: mandatory, marketing: false },
  'security.mfa_locked': { label: 'Two-factor sign-in paused', defaults: mandatory, locked: mandatory, marketing: false },
  'security.new_sign_in': { label: 'New sign-in', defaults: mandatory, locked: mandatory, marketing: false },
  'security.account_exists': { label: 'Someone tried to register with your email', defaults: mandatory, locked: mandatory, marketing: false },
  'admin.alert': { label: 'Administrator alerts', defaults: mandatory, locked: ['in_app'], marketing: false },
};

export function isNotificationType(s: string): s is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(s);
}

export function isLocked(type: NotificationType, channel: NotificationChannel): boolean {
  return TYPE_RULES[type].locked.includes(channel);
}

/**
 * Whether `type` goes to `channel`: locked channels always; else the user's choice, else the
 * tenant's default, else the built-in default.
 */
export function channelEnabled(type: NotificationType, channel: NotificationChannel, userChoice: boolean | undefined, tenantDefault: boolean | undefined): boolean {
  if (isLocked(type, channel)) return true;
  return userChoice ?? tenantDefault ?? TYPE_RULES[type].defaults.includes(channel);
}
