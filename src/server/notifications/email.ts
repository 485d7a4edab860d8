import type { TenantTx } from '../db/tenant';
import { insertEmail } from './repo';

// Mail is queued in the same transaction as the change that causes it (outbox), so a
// code is never sent for a change that rolled back, nor lost for one that committed.
export type Email = { to: string; template: string; subject: string; body: string };

export function queueEmail(t: TenantTx, email: Email): Promise<string> {
  return insertEmail(t, email);
}

export function verificationCodeEmail(to: string, tenantName: string, code: string): Email {
  return {
    to,
    template: 'email_verification',
    subject: `${tenantName}: confirm your email`,
    body: `Your confirmation code is ${code}. It expires in 24 hours.\nIf you did not create an account on ${tenantName}, ignore this message.`,
  };
}

export function passwordResetEmail(to: string, tenantName: string, code: string): Email {
  return {
    to,
    template: 'password_reset',
    subject: `${tenantName}: reset your password`,
    body: `Your password reset code is ${code}. It expires in 15 minutes.\nIf you did not ask for it, you can ignore this message; your password stays as it is.`,
  };
}

export function accountExistsEmail(to: string, tenantName: string): Email {
  return {
    to,
    template: 'account_exists',
    subject: `${tenantName}: someone tried to register with your email`,
    body: `Somebody tried to create an account on ${tenantName} with this email address, which already has one.\nIf it was you, log in or reset your password. If not, no action is needed.`,
  };
}

export function mfaLockedEmail(to: string, tenantName: string, minutes: number): Email {
  return {
    to,
    template: 'mfa_locked',
    subject: `${tenantName}: two-factor sign-in paused after wrong codes`,
    body: `Several wrong two-factor codes were entered for your account on ${tenantName}, so two-factor sign-in is paused for ${minutes} minutes.\nIf this was not you, somebody knows your password: change it now and review your active sessions.`,
  };
}

export function dealRejectedEmail(to: string, tenantName: string, deal: { title: string }, reason: string, link: string): Email {
  return {
    to,
    template: 'deal_rejected',
    subject: `${tenantName}: "${deal.title}" needs changes before it can go live`,
    body: `The review team sent "${deal.title}" back to draft with this reason:\n\n${reason}\n\nEdit the draft and submit it again when it is ready: ${link}`,
  };
}

export function dealApprovedEmail(to: string, tenantName: string, deal: { title: string }, link: string): Email {
  return {
    to,
    template: 'deal_approved',
    subject: `${tenantName}: "${deal.title}" is live`,
    body: `The review team approved "${deal.title}"; investors can see it and invest now.\n\n${link}`,
  };
}
