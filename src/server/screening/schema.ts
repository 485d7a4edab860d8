import { z } from 'zod';

export const MAX_LIST_BYTES = 5 * 1024 * 1024;

export const listUploadQuery = z.object({
  name: z.string({ error: 'name is required (the list name, as a query parameter)' }).trim().min(1).max(200),
  kind: z.enum(['sanctions', 'pep'], { error: 'kind must be sanctions or pep' }),
});

export const hitListQuery = z.object({
  status: z.enum(['open', 'cleared', 'confirmed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const hitDecisionInput = z
  .object({
    decision: z.enum(['clear', 'confirm'], { error: 'decision must be clear or confirm' }),
    note: z.string({ error: 'note is required: say why' }).trim().min(3, 'note must say why (3+ characters)').max(2000),
  })
  .strict();
export type HitDecisionInput = z.infer<typeof hitDecisionInput>;
