import { z } from 'zod';

export const createIssuerInput = z.object({
  legalEntity: z.object({
    name: z.string().trim().min(1, 'legalEntity.name is required').max(200),
    jurisdiction: z.string().trim().toUpperCase().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'jurisdiction must be an ISO 3166 code such as "US" or "US-DE"'),
    registrationNumber: z.string().trim().min(1).max(64),
    entityType: z.enum(['corporation', 'llc', 'partnership', 'trust', 'fund', 'other']),
    address: z.object({ line1: z.string().max(200).optional(), city: z.string().max(100).optional(), postalCode: z.string().max(20).optional(), country: z.string().length(2).optional() }).strict().default({}),
  }),
  profile: z.object({
    displayName: z.string().trim().min(1).max(200),
    website: z.url({ protocol: /^https?$/, error: 'website must be an http(s) URL' }).max(500).optional(),
    description: z.string().max(5000).optional(),
    contactEmail: z.email().optional(),
  }),
});

export const issuerReviewInput = z.object({ decision: z.enum(['verify', 'reject', 'suspend']), reason: z.string().trim().min(3).max(1000) });
export type CreateIssuerInput = z.infer<typeof createIssuerInput>;
