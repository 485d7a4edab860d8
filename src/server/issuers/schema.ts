import { z } from 'zod';

const legalEntityFields = {
  name: z.string().trim().min(1, 'legalEntity.name is required').max(200),
  jurisdiction: z.string().trim().toUpperCase().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'jurisdiction must be an ISO 3166 code such as "US" or "US-DE"'),
  registrationNumber: z.string().trim().min(1).max(64),
  entityType: z.enum(['corporation', 'llc', 'partnership', 'trust', 'fund', 'other']),
};
const address = z
  .object({
    line1: z.string().trim().max(200).optional(),
    city: z.string().trim().max(100).optional(),
    postalCode: z.string().trim().max(20).optional(),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'address.country must be a two-letter ISO code such as "GB"').optional(),
  })
  .strict();
const profileFields = {
  displayName: z.string().trim().min(1, 'profile.displayName is required').max(200),
  website: z.url({ protocol: /^https?$/, error: 'website must be an http(s) URL' }).max(500).optional(),
  description: z.string().max(5000).optional(),
  contactEmail: z.email().optional(),
};

export const createIssuerInput = z.object({
  legalEntity: z.object({ ...legalEntityFields, address: address.default({}) }),
  profile: z.object(profileFields),
});

/** Changes to the issuer's own profile; any change to the legal entity sends a verified issuer back to review. */
export const updateIssuerInput = z
  .object({
    legalEntity: z.object({ ...legalEntityFields, address }).partial().strict().optional(),
    profile: z.object(profileFields).partial().strict().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v.legalEntity ?? {}).length + Object.keys(v.profile ?? {}).length > 0, { message: 'Change at least one field of legalEntity or profile', path: ['(body)'] });

export const issuerReviewInput = z.object({ decision: z.enum(['verify', 'reject', 'suspend']), reason: z.string().trim().min(3).max(1000) });
export type CreateIssuerInput = z.infer<typeof createIssuerInput>;
export type UpdateIssuerInput = z.infer<typeof updateIssuerInput>;
