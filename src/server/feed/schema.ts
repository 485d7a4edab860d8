import { z } from 'zod';

const uuid = (name: string) => z.uuid({ error: `${name} must be a UUID` });

export const idParams = z.object({ id: uuid('id') });

/**
 * Keyset position: `f:<post id>` inside the followed accounts' posts, `r:<post id>` (or `r:` at its
 * start) inside everyone else's. Opaque to clients: they send back the nextCursor they were given.
 */
export const feedCursor = z
  .string()
  .regex(/^(f:[0-9a-f-]{36}|r:([0-9a-f-]{36})?|a:[0-9a-f-]{36})$/, 'cursor must be a nextCursor this API returned');

export const feedQuery = z.object({
  cursor: feedCursor.optional(),
  limit: z.coerce.number({ error: 'limit must be a whole number' }).int('limit must be a whole number').min(1, 'limit must be 1 to 50').max(50, 'limit must be 1 to 50').default(20),
});
export type FeedQuery = z.infer<typeof feedQuery>;

export const postInput = z.strictObject({
  body: z.string().trim().min(1, 'body is required').max(5000, 'body is at most 5000 characters'),
  dealId: uuid('dealId').optional(),
});
export type PostInput = z.infer<typeof postInput>;

export const shareInput = z.strictObject({
  body: z.string().trim().max(5000, 'body is at most 5000 characters').default(''),
});

export const commentInput = z.strictObject({
  body: z.string().trim().min(1, 'body is required').max(2000, 'body is at most 2000 characters'),
});

export const reportInput = z.strictObject({
  reason: z.string().trim().min(3, 'reason must say what is wrong (3 characters or more)').max(1000, 'reason is at most 1000 characters'),
});

const moderationReason = z.string().trim().min(3, 'reason is required (3 characters or more): the author is shown it').max(1000, 'reason is at most 1000 characters');

export const postModerationInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('hide'), reason: moderationReason }),
  z.strictObject({ action: z.literal('remove'), reason: moderationReason }),
  z.strictObject({ action: z.literal('restore') }),
  z.strictObject({ action: z.literal('dismiss') }),
], { error: 'action must be hide, remove, restore or dismiss' });
export type PostModerationInput = z.infer<typeof postModerationInput>;

export const commentModerationInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('hide'), reason: moderationReason }),
  z.strictObject({ action: z.literal('remove'), reason: moderationReason }),
  z.strictObject({ action: z.literal('restore') }),
], { error: 'action must be hide, remove or restore' });
export type CommentModerationInput = z.infer<typeof commentModerationInput>;
