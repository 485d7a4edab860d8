import { z } from 'zod';

// The newsletter contract: subscribing (public, double opt-in), confirming and unsubscribing by
// signed token, and the staff's campaigns (write, preview, schedule or send, statistics).

const email = z.string().trim().toLowerCase().max(254, 'email is at most 254 characters').pipe(z.email({ error: 'email is not an email address' }));

export const subscribeInput = z.object({ email }).strict();
export const tokenInput = z.object({ token: z.string().min(1, 'token is required').max(300, 'token is at most 300 characters') }).strict();
export const tokenQuery = z.object({ token: z.string().min(1, 'token is required').max(300, 'token is at most 300 characters') });
export const memberSubscriptionInput = z.object({ subscribed: z.boolean({ error: 'subscribed is true or false' }) }).strict();

export const SEGMENTS = ['all', 'members', 'verified_investors', 'group', 'issuer_followers'] as const;

const subject = z.string().trim().min(1, 'subject is required').max(200, 'subject is at most 200 characters');
const body = z.string().trim().min(1, 'body is required').max(50_000, 'body is at most 50,000 characters');
const segment = z.enum(SEGMENTS, { error: `segment is one of ${SEGMENTS.join(', ')}` });
const groupId = z.uuid({ error: 'groupId is a group id' }).nullable().optional();
const issuerUserId = z.uuid({ error: 'issuerUserId is a member id' }).nullable().optional();

const groupRule = <T extends { segment?: string; groupId?: string | null; issuerUserId?: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.segment === 'group' && !v.groupId) ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'groupId is required for the group segment' });
  if (v.segment !== undefined && v.segment !== 'group' && v.groupId) ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'groupId is only for the group segment' });
  if (v.segment === 'issuer_followers' && !v.issuerUserId) ctx.addIssue({ code: 'custom', path: ['issuerUserId'], message: 'issuerUserId is required for the issuer_followers segment' });
  if (v.segment !== undefined && v.segment !== 'issuer_followers' && v.issuerUserId) ctx.addIssue({ code: 'custom', path: ['issuerUserId'], message: 'issuerUserId is only for the issuer_followers segment' });
};

export const campaignInput = z.object({ subject, body, segment, groupId, issuerUserId }).strict().superRefine(groupRule);
export const campaignPatch = z.object({ subject: subject.optional(), body: body.optional(), segment: segment.optional(), groupId, issuerUserId }).strict().superRefine(groupRule);
export const previewInput = z.object({ subject, body }).strict();
/** No `at`: send now. */
export const sendInput = z.object({ at: z.iso.datetime({ offset: true, error: 'at is an ISO-8601 date and time' }).optional() }).strict();

export type CampaignInput = z.infer<typeof campaignInput>;
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const subscriptionView = z.object({ status: z.enum(['pending', 'confirmed', 'unsubscribed', 'none']), email: z.string() });

export const campaignStatsView = z.object({
  recipients: z.number().int(),
  delivered: z.number().int().describe('queued mails the mail transport accepted (email_outbox status sent)'),
  failed: z.number().int(),
  uniqueClicks: z.number().int(),
  clicks: z.number().int(),
  clickRate: z.string().describe('unique clicks / recipients, a decimal string with 4 places'),
  unsubscribes: z.number().int().describe('recipients who unsubscribed through this campaign’s link'),
});

export const campaignView = z.object({
  id: z.string(),
  subject: z.string(),
  body: z.string(),
  segment: z.enum(SEGMENTS),
  groupId: z.string().nullable(),
  issuerUserId: z.string().nullable(),
  status: z.enum(['draft', 'scheduled', 'sending', 'sent', 'cancelled']),
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  stats: campaignStatsView,
});

export const previewView = z.object({ subject: z.string(), html: z.string(), text: z.string(), recipients: z.number().int().optional() });
