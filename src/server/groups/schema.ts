import { z } from 'zod';
import { amountField } from '../money';

// The API contract of investment groups: what an issuer sets, what an investor sends.

const LEVELS = ['none', 'basic', 'standard', 'enhanced', 'accredited'] as const;

const question = z.strictObject({
  id: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, 'question id must be 1-40 lower-case letters, digits, _ or -'),
  text: z.string().trim().min(3, 'question text must be at least 3 characters').max(500),
  required: z.boolean().default(true),
});

const groupFields = {
  name: z.string().trim().min(3, 'name must be at least 3 characters').max(120),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be lower-case words joined by dashes').max(120).optional(),
  description: z.string().trim().max(5000).default(''),
  privacy: z.enum(['public', 'private'], { error: 'privacy must be public or private' }).default('public'),
  minVerificationLevel: z.enum(LEVELS, { error: `minVerificationLevel must be one of ${LEVELS.join(', ')}` }).default('none'),
  requiresAccreditation: z.boolean().default(false),
  /** The smallest commitment an applicant must intend to make, in major units of `currency`. */
  minCommitment: amountField('minCommitment').nullable().default(null),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,10}$/, 'currency must be a code such as USD or USDC').default('USD'),
  capacity: z.number({ error: 'capacity must be a whole number' }).int().min(1, 'capacity must be at least 1').max(1_000_000).nullable().default(null),
  questions: z
    .array(question)
    .max(20, 'at most 20 questions')
    .default([])
    .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must be unique'),
  focusAreas: z.array(z.string().trim().min(2).max(40)).max(10, 'at most 10 focus areas').default([]),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'brandColor must be a colour such as #0a7d4f').nullable().default(null),
};

export const createGroupInput = z.strictObject(groupFields);
// A PATCH changes only the fields it names: the defaults of creation do not apply.
const withoutDefault = (f: z.ZodTypeAny) => (f instanceof z.ZodDefault ? (f.unwrap() as z.ZodTypeAny) : f);
export const updateGroupInput = z.strictObject({
  name: withoutDefault(groupFields.name).optional(),
  description: withoutDefault(groupFields.description).optional(),
  privacy: withoutDefault(groupFields.privacy).optional(),
  minVerificationLevel: withoutDefault(groupFields.minVerificationLevel).optional(),
  requiresAccreditation: withoutDefault(groupFields.requiresAccreditation).optional(),
  minCommitment: withoutDefault(groupFields.minCommitment).optional(),
  capacity: withoutDefault(groupFields.capacity).optional(),
  questions: withoutDefault(groupFields.questions).optional(),
  focusAreas: withoutDefault(groupFields.focusAreas).optional(),
  brandColor: withoutDefault(groupFields.brandColor).optional(),
}) as unknown as z.ZodType<UpdateGroupInput>;

export const applyInput = z.strictObject({
  answers: z.array(z.strictObject({ questionId: z.string().max(40), answer: z.string().trim().max(2000, 'an answer is at most 2000 characters') })).max(20).default([]),
  /** What the applicant intends to commit, in major units of the group's currency (required when the group sets a minimum). */
  intendedCommitment: amountField('intendedCommitment').optional(),
});

export const acceptInvitationInput = z.strictObject({
  token: z.string().trim().min(20, 'token is the invitation link’s token').max(400),
  intendedCommitment: amountField('intendedCommitment').optional(),
});

export const decisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject', 'waitlist'], { error: 'decision must be approve, reject or waitlist' }),
    reason: z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000).optional(),
  })
  .refine((d) => d.decision !== 'reject' || !!d.reason, { path: ['reason'], message: 'a rejection needs a reason (3+ characters)' });

export const removeMemberInput = z.strictObject({ reason: z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000) });

export const invitationInput = z.strictObject({
  note: z.string().trim().max(500).optional(),
  /** Whom the link is for: a member of the tenant hears about it on their channels (group.invited), anyone else gets it by email. */
  email: z.string().trim().toLowerCase().max(320, 'email is at most 320 characters').email('email must be an email address').optional(),
  expiresInDays: z.number({ error: 'expiresInDays must be a number' }).int().min(1, 'expiresInDays is at least 1').max(90, 'expiresInDays is at most 90').default(14),
});

export const dealVisibilityInput = z.strictObject({
  visibility: z.enum(['public', 'verified', 'group'], { error: 'visibility must be public, verified or group' }),
});

export const preCommitmentInput = z.strictObject({ amount: amountField('amount') });

export const applicationsQuery = z.object({
  status: z.enum(['pending', 'waitlisted', 'approved', 'rejected', 'withdrawn'], { error: 'status must be pending, waitlisted, approved, rejected or withdrawn' }).optional(),
});

export const groupIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'id must be a group id').or(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be a group id or slug').max(120)) });
export const groupDealParams = z.object({ id: groupIdParams.shape.id, dealId: z.uuid({ error: 'dealId must be a deal id' }) });

export type CreateGroupInput = z.infer<typeof createGroupInput>;
export type UpdateGroupInput = Partial<CreateGroupInput>;
export type ApplyInput = z.infer<typeof applyInput>;
export type DecisionInput = z.infer<typeof decisionInput>;
