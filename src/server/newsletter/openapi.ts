import { z } from 'zod';
import { campaignInput, campaignPatch, campaignView, memberSubscriptionInput, previewInput, previewView, sendInput, subscribeInput, subscriptionView, tokenInput, tokenQuery } from './schema';

// The newsletter routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const id = z.object({ id: z.string().uuid() });
const one = z.object({ campaign: campaignView });
const NOT_DRAFT = 'the campaign is no longer a draft (scheduled, sending or sent): code `campaign_not_draft` / `campaign_not_editable`; or send-now with nobody in the segment: `no_recipients`';

export const newsletterOps = [
  { tag: 'newsletter', method: 'post', path: '/api/newsletter/subscribe', summary: 'Subscribe an address (public; double opt-in: a confirmation link valid 7 days goes by email). The same answer whatever the address’s state; limited per client and per address (429)', body: subscribeInput, response: z.object({ status: z.literal('confirmation_sent') }), status: 202 },
  { tag: 'newsletter', method: 'post', path: '/api/newsletter/confirm', summary: 'Confirm a subscription with the mailed token; 400 `invalid_token` (tampered, another tenant’s) or `token_expired`', body: tokenInput, response: z.object({ status: z.literal('confirmed'), email: z.string() }) },
  { tag: 'newsletter', method: 'post', path: '/api/newsletter/unsubscribe', summary: 'RFC 8058 one-click unsubscribe (the List-Unsubscribe URL of a campaign email; no session needed); 400 `invalid_token`', query: tokenQuery, response: z.object({ unsubscribed: z.literal(true) }) },
  { tag: 'newsletter', method: 'get', path: '/api/newsletter/subscription', summary: 'Whether the caller’s own address receives the newsletter', auth: 'user', response: subscriptionView },
  { tag: 'newsletter', method: 'put', path: '/api/newsletter/subscription', summary: 'Subscribe or unsubscribe the caller’s own address (a verified address is confirmed at once; otherwise a confirmation link is mailed)', auth: 'user', body: memberSubscriptionInput, response: subscriptionView },
  { tag: 'newsletter', method: 'get', path: '/api/admin/newsletter/campaigns', summary: 'The tenant’s campaigns, newest first, each with its statistics (recipients, delivered per the outbox, unique clicks, click rate, unsubscribes), and subscriber counts', auth: ['tenant_admin'], response: z.object({ campaigns: z.array(campaignView), subscribers: z.object({ pending: z.number().int(), confirmed: z.number().int(), unsubscribed: z.number().int() }) }) },
  { tag: 'newsletter', method: 'post', path: '/api/admin/newsletter/campaigns', summary: 'Write a campaign (a draft): subject, markdown body (sanitized), segment (all confirmed subscribers, members, verified investors, a group’s members); audited', auth: ['tenant_admin'], body: campaignInput, response: one, status: 201 },
  { tag: 'newsletter', method: 'get', path: '/api/admin/newsletter/campaigns/{id}', summary: 'One campaign with its statistics', auth: ['tenant_admin'], params: id, response: one },
  { tag: 'newsletter', method: 'patch', path: '/api/admin/newsletter/campaigns/{id}', summary: 'Edit a draft (audited)', auth: ['tenant_admin'], params: id, body: campaignPatch, response: one, conflict: NOT_DRAFT },
  { tag: 'newsletter', method: 'post', path: '/api/admin/newsletter/campaigns/{id}/send', summary: 'Send a draft now (no `at`) or schedule it; the sending job queues one email per recipient once, in batches through the email outbox (audited)', auth: ['tenant_admin'], params: id, body: sendInput, response: one.extend({ recipients: z.number().int().describe('confirmed subscribers in the segment now') }), conflict: NOT_DRAFT },
  { tag: 'newsletter', method: 'post', path: '/api/admin/newsletter/campaigns/{id}/unschedule', summary: 'Take a scheduled campaign back to draft before it starts (audited)', auth: ['tenant_admin'], params: id, response: one, conflict: 'the campaign is not scheduled: code `campaign_not_scheduled`' },
  { tag: 'newsletter', method: 'post', path: '/api/admin/newsletter/preview', summary: 'The campaign email as a subscriber would get it, in the tenant’s branding (HTML and text)', auth: ['tenant_admin'], body: previewInput, response: previewView },
] as const;
