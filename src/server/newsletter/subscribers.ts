import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { BadRequest } from '../errors';
import { queueEmail } from '../notifications/email';
import { emailMessages, fill } from '../notifications/messages';
import { consume } from '../ratelimit/limiter';
import type { LimitSpec } from '../ratelimit/limiter';
import type { TenantContext } from '../tenancy/resolve';
import { findSubscriber, findSubscriberByEmail, lockOrCreateSubscriber, setSubscriberState } from './repo';
import { confirmationHolds, confirmationToken, parseConfirmationToken, readUnsubscribeToken } from './tokens';

// Subscribers: double opt-in (a signed link that expires in 7 days confirms the address), and
// one-click unsubscribe (RFC 8058). The public form answers the same whatever the address's
// state, so it tells nobody who subscribes; a confirmed address gets no second email.

/** The public form, per client address and per address asked for: enough for people, too few to mail-bomb anyone. */
export const SUBSCRIBE_PER_IP: LimitSpec = { name: 'newsletter-subscribe-ip', points: 10, durationSeconds: 60 * 60 };
export const SUBSCRIBE_PER_ADDRESS: LimitSpec = { name: 'newsletter-subscribe-address', points: 3, durationSeconds: 60 * 60 };

async function sendConfirmation(t: TenantTx, subscriber: { id: string; email: string }): Promise<void> {
  const token = confirmationToken(t.tenantId, subscriber.id, subscriber.email);
  await queueEmail(t, {
    to: subscriber.email,
    template: 'newsletter_confirmation',
    subject: 'Confirm your newsletter subscription',
    body: '',
    compose: (locale, tenant) => {
      const m = emailMessages(locale).mail.newsletterConfirm;
      return { subject: fill(m.subject, { tenant }), paragraphs: [fill(m.body, { tenant })], action: { label: m.action, url: `/newsletter/confirm?token=${token}` }, closing: [m.ignore] };
    },
  });
  await setSubscriberState(t, subscriber.id, { status: 'pending', confirmationSent: true });
}

export async function subscribe(tenant: TenantContext, email: string, meta: RequestMeta): Promise<{ status: 'confirmation_sent' }> {
  await consume(SUBSCRIBE_PER_IP, `${tenant.id}:${meta.ip ?? 'unknown'}`);
  await consume(SUBSCRIBE_PER_ADDRESS, `${tenant.id}:${email}`);
  await withTenant(tenant.id, null, async (t) => {
    const s = await lockOrCreateSubscriber(t, email, 'form');
    if (s.status !== 'confirmed') await sendConfirmation(t, s);
  });
  return { status: 'confirmation_sent' };
}

export async function confirmSubscription(tenant: TenantContext, token: string, meta: RequestMeta, now = new Date()): Promise<{ status: 'confirmed'; email: string }> {
  const claim = parseConfirmationToken(token);
  if (!claim) throw new BadRequest('invalid_token', 'This confirmation link is not valid');
  return withTenant(tenant.id, null, async (t) => {
    const s = await findSubscriber(t, claim.subscriberId, true);
    if (!s || !confirmationHolds(tenant.id, claim, s.email)) throw new BadRequest('invalid_token', 'This confirmation link is not valid');
    if (claim.expires * 1000 < now.getTime()) throw new BadRequest('token_expired', 'This confirmation link has expired; subscribe again to get a new one');
    if (s.status !== 'confirmed') {
      await setSubscriberState(t, s.id, { status: 'confirmed' });
      await audit(t, { actorId: null, action: 'newsletter.subscription_confirmed', targetType: 'newsletter_subscriber', targetId: s.id, metadata: { source: s.source } }, meta);
    }
    return { status: 'confirmed' as const, email: s.email };
  });
}

/** RFC 8058 one-click: the signed link of one campaign's email; unsubscribed stays unsubscribed. */
export async function unsubscribe(tenant: TenantContext, token: string, meta: RequestMeta): Promise<{ unsubscribed: true }> {
  const claim = readUnsubscribeToken(tenant.id, token);
  if (!claim) throw new BadRequest('invalid_token', 'This unsubscribe link is not valid');
  await withTenant(tenant.id, null, async (t) => {
    const s = await findSubscriber(t, claim.subscriberId, true);
    // An erased address has nothing left to stop.
    if (!s || s.status === 'unsubscribed') return;
    await setSubscriberState(t, s.id, { status: 'unsubscribed', campaignId: claim.campaignId });
    await audit(t, { actorId: null, action: 'newsletter.unsubscribed', targetType: 'newsletter_subscriber', targetId: s.id, metadata: { campaignId: claim.campaignId, via: 'one_click' } }, meta);
  });
  return { unsubscribed: true };
}

export type MemberSubscription = { status: 'pending' | 'confirmed' | 'unsubscribed' | 'none'; email: string };

export async function memberSubscription(tenant: TenantContext, p: Principal): Promise<MemberSubscription> {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const s = await findSubscriberByEmail(t, p.email);
    return { status: s?.status ?? 'none', email: p.email };
  });
}

/**
 * A member turns the newsletter on or off from their notification settings. Their address is
 * proven when they verified it, so it is confirmed at once; an unverified one gets the link.
 */
export async function setMemberSubscription(tenant: TenantContext, p: Principal, subscribed: boolean, meta: RequestMeta): Promise<MemberSubscription> {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const s = await lockOrCreateSubscriber(t, p.email, 'member');
    if (subscribed && s.status !== 'confirmed') {
      if (p.emailVerified) await setSubscriberState(t, s.id, { status: 'confirmed' });
      else await sendConfirmation(t, s);
    } else if (!subscribed && s.status !== 'unsubscribed') {
      await setSubscriberState(t, s.id, { status: 'unsubscribed' });
    } else {
      return { status: s.status, email: p.email };
    }
    await audit(t, { actorId: p.userId, actorRole: p.role, action: subscribed ? 'newsletter.member_subscribed' : 'newsletter.unsubscribed', targetType: 'newsletter_subscriber', targetId: s.id, metadata: { via: 'settings' } }, meta);
    const after = await findSubscriber(t, s.id);
    return { status: after!.status, email: p.email };
  });
}
