import { z } from 'zod';

const jurisdiction = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 country or subdivision code such as "US" or "US-NY"');

const brokerFields = {
  displayName: z.string().trim().min(1, 'displayName is required').max(120),
  licenceNumber: z.string().trim().min(1, 'licenceNumber is required').max(64),
  licenceJurisdiction: jurisdiction,
  commissionBps: z.number({ error: 'commissionBps must be a whole number of basis points' }).int('commissionBps must be a whole number of basis points').min(0).max(10_000, 'commissionBps is at most 10000 (100%)'),
  allDeals: z.boolean().default(false).describe('true: the broker may offer every deal of the tenant; false: only dealIds'),
  dealIds: z.array(z.uuid({ error: 'each deal id must be a UUID' })).max(500).default([]),
  status: z.enum(['active', 'suspended']).default('active'),
};

export const createBrokerInput = z.object({ userId: z.uuid({ error: 'userId must be a UUID' }), ...brokerFields }).strict();
export const updateBrokerInput = z.object(brokerFields).strict();
export type CreateBrokerInput = z.infer<typeof createBrokerInput>;
export type UpdateBrokerInput = z.infer<typeof updateBrokerInput>;

export const attachClientInput = z.object({ investorId: z.uuid({ error: 'investorId must be a UUID' }) }).strict();
export const inviteClientInput = z.object({ email: z.email({ error: 'email must be an email address' }).max(254), message: z.string().trim().max(1000).optional() }).strict();

export const brokerClientParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }), investorId: z.uuid({ error: 'investorId must be a UUID' }) });
export const investorIdParams = z.object({ investorId: z.uuid({ error: 'investorId must be a UUID' }) });

/** A calendar month, "2026-12": statements run from its first instant (UTC) to the next month's. */
export const statementQuery = z.object({
  period: z
    .string({ error: 'period is required (YYYY-MM)' })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be a month such as "2026-12"'),
});
