import { z } from 'zod';
import type { KycCheckKind } from '../db/types';

// The KYC API contract.

export const KYC_DOCUMENT_KINDS = ['passport', 'id_card', 'driving_licence', 'selfie', 'proof_of_address', 'accreditation_letter', 'other'] as const;
/** Kinds that prove identity: one is needed before a manual approval grants 'standard'. */
export const IDENTITY_DOCUMENT_KINDS = ['passport', 'id_card', 'driving_licence'] as const;

export const startApplicationInput = z
  .strictObject({
    // standard: identity. enhanced: identity, liveness (selfie) and proof of address, which a
    // verified investor may add later (the identity already approved counts).
    level: z.enum(['standard', 'enhanced'], { error: 'level must be standard or enhanced' }).default('standard'),
  })
  .default({ level: 'standard' });
export type StartApplicationInput = z.infer<typeof startApplicationInput>;

/** Which document kinds each reviewed check may rest on. */
export const CHECK_DOCUMENT_KINDS = {
  identity: IDENTITY_DOCUMENT_KINDS,
  liveness: ['selfie'],
  proof_of_address: ['proof_of_address'],
} as const satisfies Record<KycCheckKind, readonly string[]>;

const isoDay = z.iso.date({ error: 'issuedOn must be a date YYYY-MM-DD' });
export const reviewedCheck = z
  .strictObject({
    documentId: z.uuid({ error: 'documentId must be a UUID' }),
    check: z.enum(['identity', 'liveness', 'proof_of_address'], { error: 'check must be identity, liveness or proof_of_address' }),
    outcome: z.enum(['passed', 'failed'], { error: 'outcome must be passed or failed' }),
    /** Proof of address: the issue date printed on it (required when it passed). */
    issuedOn: isoDay.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((c) => c.check !== 'proof_of_address' || c.outcome !== 'passed' || c.issuedOn !== undefined, { path: ['issuedOn'], message: 'A passed proof of address needs the issue date printed on it' })
  .refine((c) => c.check === 'proof_of_address' || c.issuedOn === undefined, { path: ['issuedOn'], message: 'issuedOn is only for proof of address' });
export type ReviewedCheck = z.infer<typeof reviewedCheck>;

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
    /** Manual review: what the reviewer found for each document (identity, liveness, proof of address). */
    checks: z.array(reviewedCheck).max(20).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length >= 3), {
    path: ['reason'],
    message: 'A reason of at least 3 characters is required to reject or ask for a retry',
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const documentParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }), documentId: z.uuid({ error: 'documentId must be a UUID' }) });

export const webhookProviderParams = z.object({ provider: z.string() });
