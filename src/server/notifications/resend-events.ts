import { z } from 'zod';
import type { RequestMeta } from '../audit/service';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import { Unauthorized } from '../errors';
import { parseWith } from '../http/validation';
import type { TenantContext } from '../tenancy/resolve';
import { findEmailByProviderId, insertEmailEvent } from './repo';
import { standardWebhookRefusal } from './standard-webhooks';

// Resend's delivery webhooks (signed with the Standard Webhooks scheme): each event on an email
// this tenant sent is added to email_logs (delivered, bounced, complained...). The webhook id is
// the event's key, so Resend's retries record it once. Events for mail this tenant never sent
// are acknowledged and ignored: another tenant's email ids are not this host's to look at.

const STATUS = {
  'email.sent': 'sent',
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
  'email.opened': 'opened',
  'email.clicked': 'clicked',
} as const;

const resendEvent = z.object({
  type: z.string().max(60),
  created_at: z.string().max(60).optional(),
  data: z.object({ email_id: z.string().min(1).max(300), bounce: z.object({ message: z.string().max(1000).optional(), type: z.string().max(100).optional() }).passthrough().optional() }).passthrough(),
});

export async function ingestResendEvent(tenant: TenantContext, raw: string, headers: Headers, config: Pick<Config, 'RESEND_WEBHOOK_SECRET'>, _meta: RequestMeta, now = new Date()) {
  const secret = config.RESEND_WEBHOOK_SECRET;
  if (!secret) throw new Unauthorized('Resend webhooks are not configured (RESEND_WEBHOOK_SECRET)', 'webhook_not_configured');
  const refusal = standardWebhookRefusal(secret, { id: headers.get('webhook-id'), timestamp: headers.get('webhook-timestamp'), signature: headers.get('webhook-signature') }, raw, Math.floor(now.getTime() / 1000));
  if (refusal) throw new Unauthorized(`Webhook refused: ${refusal}`, 'invalid_webhook_signature');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  const event = parseWith(resendEvent, json);
  const status = STATUS[event.type as keyof typeof STATUS];
  if (!status) return { recorded: false, reason: 'event type not tracked' };
  return withTenant(tenant.id, null, async (t) => {
    const email = await findEmailByProviderId(t, event.data.email_id);
    if (!email) return { recorded: false, reason: 'no such email here' };
    const detail = event.data.bounce ? [event.data.bounce.type, event.data.bounce.message].filter(Boolean).join(': ') || null : null;
    const recorded = await insertEmailEvent(t, { emailId: email.id, provider: 'resend', providerMessageId: event.data.email_id, status, detail, eventId: headers.get('webhook-id')! });
    return { recorded, reason: recorded ? null : 'already recorded' };
  });
}
