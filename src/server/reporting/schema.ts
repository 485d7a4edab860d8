import { z } from 'zod';
import { DEAL_STATUSES } from '../deals/schema';

export const reviewQueueQuery = z.object({
  status: z.enum(DEAL_STATUSES, { error: `status must be one of ${DEAL_STATUSES.join(', ')}` }).default('pending_review'),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, 'limit must be at least 1').max(100, 'limit is at most 100').default(50),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0, 'offset cannot be negative').max(1_000_000).default(0),
});

export const tenantStatsQuery = z.object({
  days: z.coerce.number({ error: 'days must be a number' }).int('days must be a whole number').min(1, 'days must be at least 1').max(365, 'days is at most 365').default(30),
});

const reason = z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000);

/** POST /api/admin/deals/[id]: a review decision or a change to the featured flag. */
export const adminDealActionInput = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('approve'), reason: reason.optional() }).strict(),
    z.object({ action: z.literal('reject'), reason: reason.optional() }).strict(),
    z.object({ action: z.literal('feature') }).strict(),
    z.object({ action: z.literal('unfeature') }).strict(),
  ],
  { error: 'action must be one of approve, reject, feature, unfeature' },
);

export type ReviewQueueQuery = z.infer<typeof reviewQueueQuery>;
export type TenantStatsQuery = z.infer<typeof tenantStatsQuery>;
export type AdminDealAction = z.infer<typeof adminDealActionInput>;
