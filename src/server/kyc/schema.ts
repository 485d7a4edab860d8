import { z } from 'zod';

// The KYC API contract.

export const KYC_DOCUMENT_KINDS = ['passport', 'id_card', 'driving_licence', 'selfie', 'proof_of_address', 'accreditation_letter', 'other'] as const;
/** Kinds that prove identity: one is needed before a manual approval grants 'standard'. */
export const IDENTITY_DOCUMENT_KINDS = ['passport', 'id_card', 'driving_licence'] as const;

export const startApplicationInput = z
  .strictObject({
    // Only the identity level is verified so far; enhanced/accredited need their own evidence rules.
    level: z.literal('standard').default('standard'),
  })
  .default({ level: 'standard' });
export type StartApplicationInput = z.infer<typeof startApplicationInput>;

export const uploadDocumentQuery = z.strictObject({ kind: z.enum(KYC_DOCUMENT_KINDS) });

const REVIEWABLE = ['draft', 'submitted', 'pending', 'approved', 'rejected', 'retry'] as const;
export const reviewListQuery = z.strictObject({
  status: z.enum(REVIEWABLE).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const decisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject', 'retry']),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length >= 3), {
    path: ['reason'],
    message: 'A reason of at least 3 characters is required to reject or ask for a retry',
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const documentParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }), documentId: z.uuid({ error: 'documentId must be a UUID' }) });

export const webhookProviderParams = z.object({ provider: z.string() });
