import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
  .transform((a) => a.toLowerCase() as `0x${string}`);
/** Whole numbers too large for JavaScript numbers travel as decimal strings. */
const integerString = (what: string) => z.string().regex(/^\d{1,78}$/, `must be ${what}, a whole number as a string`);
/** Zod runs refinements even after the pattern failed: BigInt only what is a whole number. */
const isInteger = (v: unknown): v is string => typeof v === 'string' && /^\d{1,78}$/.test(v);
const positive = (what: string) => integerString(what).refine((v) => !isInteger(v) || BigInt(v) > 0n, 'must be above zero');
const MAX_PERIOD = 10 * 365 * 86_400;
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');

export const ASSET_TYPES = ['real_estate', 'fund_units', 'revenue_share', 'equity', 'debt'] as const;
export const REGULATIONS = ['reg_d', 'reg_s', 'reg_cf'] as const;

/** The terms an issuer fills in; every one can be changed until the application is approved. */
const terms = {
  assetType: z.enum(ASSET_TYPES),
  name: z.string().trim().min(1).max(120),
  symbol: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,11}$/, 'must be 2 to 11 letters or digits'),
  description: z.string().trim().min(1).max(20_000),
  valuation: positive('the valuation in minor units of the currency (cents for USD)'),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
  currencyDecimals: z.number().int().min(0).max(18).default(2),
  supply: positive('the token supply in base units (whole tokens x 10^decimals)'),
  decimals: z.number().int().min(0).max(18),
  jurisdiction: z.string().trim().toUpperCase().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 code such as "US" or "US-DE"'),
  regulation: z.enum(REGULATIONS),
  chainId: z.number().int().positive(),
  treasuryAddress: address.describe('the issuer wallet that receives the whole supply at issuance and distributes it'),
  lockupSeconds: z.number().int().min(0).max(MAX_PERIOD).default(0).describe('holding period of every acquisition (Rule 144 style); 0: none'),
  regSPeriodSeconds: z.number().int().min(0).max(MAX_PERIOD).default(0).describe('Reg S distribution compliance period from issuance: no US person may receive the token before it ends'),
  maxHolders: z.number().int().min(0).max(1_000_000).default(0).describe('0: no limit'),
  maxBalance: integerString('the most one holder may hold, in base units (0: no limit)').default('0'),
  allowedCountries: z.array(country).max(250).default([]).describe('ISO 3166-1 alpha-2 codes of the countries whose residents may hold it; empty: all'),
  documentIds: z.array(z.uuid({ error: 'each document id must be a UUID' })).max(50).default([]).describe('the issuer’s own documents (POST /api/issuer/documents) to attach'),
};

/** The rules between fields, for a new application and for an edit merged with what is stored. */
export function termsProblems(v: { supply?: string; maxBalance?: string; regulation?: string; regSPeriodSeconds?: number }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (isInteger(v.maxBalance) && isInteger(v.supply) && BigInt(v.maxBalance) > BigInt(v.supply)) problems.push({ field: 'maxBalance', message: 'maxBalance cannot exceed the supply' });
  if (v.regulation === 'reg_s' && v.regSPeriodSeconds === 0)
    problems.push({ field: 'regSPeriodSeconds', message: 'a Reg S offering needs a distribution compliance period (40 days to 1 year, 17 CFR 230.903(b))' });
  return problems;
}

function checkTerms(v: Parameters<typeof termsProblems>[0], ctx: z.RefinementCtx) {
  for (const p of termsProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
}

export const createApplicationInput = z.object(terms).strict().superRefine(checkTerms);
export type CreateApplicationInput = z.infer<typeof createApplicationInput>;

export const updateApplicationInput = z
  .object(Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, (v as z.ZodType).optional()])) as { [K in keyof typeof terms]: z.ZodOptional<(typeof terms)[K]> })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateApplicationInput = z.infer<typeof updateApplicationInput>;

export const reviewApplicationInput = z
  .object({
    action: z.enum(['request_changes', 'approve', 'reject']),
    reason: z.string().trim().min(3).max(2000).optional().describe('required to request changes or reject: the issuer reads it'),
  })
  .strict()
  .refine((v) => v.action === 'approve' || !!v.reason, { message: 'give a reason to request changes or reject', path: ['reason'] });
export type ReviewApplicationInput = z.infer<typeof reviewApplicationInput>;

export const listApplicationsQuery = z
  .object({ status: z.enum(['draft', 'submitted', 'changes_requested', 'approved', 'rejected']).optional() })
  .strict();

export const postUpdateInput = z
  .object({
    kind: z.enum(['news', 'valuation']),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20_000),
    valuation: positive('the new valuation in minor units of the asset’s currency').optional(),
  })
  .strict()
  .refine((v) => (v.kind === 'valuation') === (v.valuation !== undefined), { message: 'a valuation update carries the new valuation, and only it does', path: ['valuation'] });
export type PostUpdateInput = z.infer<typeof postUpdateInput>;
