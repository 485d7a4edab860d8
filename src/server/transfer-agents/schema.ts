import { z } from 'zod';

const jurisdiction = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country or subdivision code such as "US" or "US-NY"');

const agentFields = {
  displayName: z.string().trim().min(1, 'displayName is required').max(120),
  registrationNumber: z.string().trim().min(1, 'registrationNumber is required').max(64).describe('e.g. the SEC transfer agent registration (Form TA-1) number'),
  registrationJurisdiction: jurisdiction,
  contactEmail: z.email({ error: 'contactEmail must be an email address' }).max(254).nullable().default(null),
  status: z.enum(['active', 'suspended']).default('active'),
};

export const createTransferAgentInput = z.object({ userId: z.uuid({ error: 'userId must be a UUID' }), ...agentFields }).strict();
export const updateTransferAgentInput = z.object(agentFields).strict();
export type CreateTransferAgentInput = z.infer<typeof createTransferAgentInput>;
export type UpdateTransferAgentInput = z.infer<typeof updateTransferAgentInput>;

const decimal = z.string({ error: 'must be a decimal string such as "1250.00"' }).trim();

export const corporateActionInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('transfer'),
        holderId: z.uuid({ error: 'holderId must be a UUID' }),
        toHolderId: z.uuid({ error: 'toHolderId must be a UUID' }),
        amount: decimal.describe('in the deal currency, e.g. "250.00"'),
        consideration: decimal.optional().describe('what the receiver paid, in the deal currency; omitted when undisclosed'),
        reason: z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000),
        effectiveAt: z.iso.datetime({ offset: true, error: 'effectiveAt must be an ISO 8601 date-time' }).optional(),
      })
      .strict()
      .refine((v) => v.holderId !== v.toHolderId, { message: 'a transfer needs two different holders', path: ['toHolderId'] }),
    z
      .object({
        kind: z.enum(['freeze', 'unfreeze']),
        holderId: z.uuid({ error: 'holderId must be a UUID' }),
        reason: z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000),
        effectiveAt: z.iso.datetime({ offset: true, error: 'effectiveAt must be an ISO 8601 date-time' }).optional(),
      })
      .strict(),
  ],
  { error: 'kind must be transfer, freeze or unfreeze' },
);
export type CorporateActionInput = z.infer<typeof corporateActionInput>;

export const holderParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }), holderId: z.uuid({ error: 'holderId must be a UUID' }) });
