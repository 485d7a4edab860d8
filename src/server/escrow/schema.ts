import { z } from 'zod';

export const escrowListQuery = z.object({
  status: z.enum(['held', 'released', 'refunded']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const escrowReleaseInput = z.object({ note: z.string().trim().min(1).max(500).optional() }).strict().optional();

export const escrowRefundInput = z
  .object({ reason: z.string({ error: 'reason is required: say why the money goes back' }).trim().min(3, 'reason must say why (3+ characters)').max(2000) })
  .strict();

export const escrowExtendInput = z
  .object({ deadline: z.iso.datetime({ offset: true, error: 'deadline must be an ISO-8601 date-time' }).describe('the new on-chain decision deadline, at most the escrow’s 30-day expiry') })
  .strict();
