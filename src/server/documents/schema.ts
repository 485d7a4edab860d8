import { z } from 'zod';

const fileName = z
  .string()
  .trim()
  .min(1, 'fileName is required')
  .max(200, 'fileName is at most 200 characters')
  .regex(/^[^\\/\u0000-\u001f\u007f]+$/, 'fileName must be a plain file name without path separators or control characters');

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query parameters of a new document upload (the file itself is the raw request body). */
export const newDocumentQuery = z.object({
  title: z.string().trim().min(1, 'title is required').max(200, 'title is at most 200 characters'),
  kind: z.string().trim().min(1, 'kind is required').max(64).regex(/^[a-z0-9_]+$/, 'kind must be lower-case letters, digits and underscores'),
  fileName,
  requiredForInvestors: booleanFlag.optional(),
});
export type NewDocumentInput = z.infer<typeof newDocumentQuery>;

export const newVersionQuery = z.object({ fileName });

export const downloadQuery = z.object({
  version: z.coerce.number({ error: 'version must be a whole number' }).int('version must be a whole number').min(1, 'version starts at 1').optional(),
});

export const ISSUER_DOCUMENT_KINDS = ['certificate_of_incorporation', 'good_standing', 'id_of_director', 'proof_of_address', 'articles_of_association', 'financial_statements', 'other'] as const;

export const issuerDocumentQuery = newDocumentQuery.omit({ requiredForInvestors: true }).extend({
  kind: z.enum(ISSUER_DOCUMENT_KINDS, { error: `kind must be one of ${ISSUER_DOCUMENT_KINDS.join(', ')}` }),
});

export const INVESTOR_DOCUMENT_KINDS = ['proof_of_funds', 'subscription_agreement', 'tax_form', 'accreditation_evidence', 'proof_of_address', 'other'] as const;
/** POST /api/investor/documents: the investor's own documents (raw body; described in the query). */
export const investorDocumentQuery = newDocumentQuery.omit({ requiredForInvestors: true }).extend({
  kind: z.enum(INVESTOR_DOCUMENT_KINDS, { error: `kind must be one of ${INVESTOR_DOCUMENT_KINDS.join(', ')}` }),
});
