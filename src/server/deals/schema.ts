import { z } from 'zod';
import { amountField } from '../money';

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time such as 2026-12-01T00:00:00Z' });

export const DEAL_STATUSES = ['draft', 'pending_review', 'active', 'funded', 'closed', 'cancelled', 'completed', 'archived'] as const;
export const ASSET_TYPES = ['equity', 'debt', 'token'] as const;

// Compliance settings are stored with the deal; the compliance module evaluates them.
export const dealComplianceInput = z
  .object({
    regimes: z.array(z.enum(['reg_d_506b', 'reg_d_506c', 'reg_s', 'reg_cf', 'reg_a_tier1', 'reg_a_tier2'])).max(6).default([]),
    allowedCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).optional(),
    blockedCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(250).optional(),
    minimumVerificationLevel: z.enum(['none', 'basic', 'standard', 'enhanced', 'accredited']).optional(),
    /** Regulation S category of the securities (17 CFR 230.903(b)(1)-(3)): required when the deal is offered under Regulation S. */
    regSCategory: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'regSCategory must be 1, 2 or 3 (17 CFR 230.903(b))' }).optional(),
    /** The issuer reports under the Exchange Act: shorter Reg S and Rule 144 periods (230.903(b)(3)(iii), 230.144(d)(1)). */
    reportingIssuer: z.boolean().optional(),
    /** Regulation Crowdfunding: the issuer's Form C on file with the SEC (227.201, 227.203(a)); no sale without it (227.303(a)(2)). */
    formC: z
      .strictObject({
        fileNumber: z.string().trim().regex(/^020-\d{5,8}$/, 'fileNumber must be the SEC file number of the Form C, such as 020-12345'),
        filedOn: z.iso.date({ error: 'filedOn must be the day the Form C was filed, such as 2026-01-31' }),
      })
      .optional(),
    /**
     * At most `max` investors resident in each country (of `countries`, or every country), counting
     * only non-accredited ones unless nonAccreditedOnly is false: private-placement limits abroad,
     * e.g. fewer than 150 non-qualified investors per EU member state (Regulation (EU) 2017/1129 art. 1(4)(b)).
     */
    countryInvestorLimit: z
      .strictObject({
        max: z.number().int().min(1).max(1_000_000),
        countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(250).nullable().default(null),
        nonAccreditedOnly: z.boolean().default(true),
        basis: z.string().trim().max(200).optional(),
      }).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const regS = c.regimes.includes('reg_s');
    if (regS && c.regSCategory === undefined)
      ctx.addIssue({ code: 'custom', path: ['regSCategory'], message: 'regSCategory (1, 2 or 3) is required for a deal offered under Regulation S: it sets the distribution compliance period (17 CFR 230.903(b))' });
    if (!regS && c.regSCategory !== undefined) ctx.addIssue({ code: 'custom', path: ['regSCategory'], message: 'regSCategory is only for deals offered under Regulation S (reg_s in regimes)' });
    if (c.formC && !c.regimes.includes('reg_cf')) ctx.addIssue({ code: 'custom', path: ['formC'], message: 'formC is only for Regulation Crowdfunding deals (reg_cf in regimes)' });
    if (c.formC && c.formC.filedOn > new Date().toISOString().slice(0, 10)) ctx.addIssue({ code: 'custom', path: ['formC', 'filedOn'], message: 'cannot be in the future' });
  });

const dealFields = {
  title: z.string().trim().min(3, 'title must be at least 3 characters').max(200),
  slug: z.string().trim().toLowerCase().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug must be lower-case words joined by dashes').max(120).optional(),
  summary: z.string().trim().max(500).default(''),
  description: z.string().max(50_000).default(''),
  assetType: z.enum(ASSET_TYPES, { error: `assetType must be one of ${ASSET_TYPES.join(', ')}` }),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,10}$/, 'currency must be a code such as USD or USDC'),
  currencyDecimals: z.number().int().min(0).max(18).optional(),
  paymentTokenAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'paymentTokenAddress must be a 0x address').optional(),
  // Set: the deal settles on this chain (investors fund per-investment escrow contracts from their
  // wallets). Unset: the fiat rails (wire, card, ACH) and the platform's ledger, no chain.
  chainId: z.number({ error: 'chainId must be a chain id number' }).int().positive().nullable().optional(),
  // Set (on-chain deals only): the deal also gets a Pool beside its sale, deployed with it; members
  // contribute to the pool until this time, then it invests into the sale as one position.
  poolLockAt: isoDate.nullable().optional(),
  targetAmount: amountField('targetAmount'),
  softCap: amountField('softCap'),
  hardCap: amountField('hardCap'),
  minTicket: amountField('minTicket'),
  maxTicket: amountField('maxTicket').optional(),
  valuation: amountField('valuation').optional(),
  startsAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  compliance: dealComplianceInput.default({ regimes: [] }),
};

export const createDealInput = z.object(dealFields).strict();
export const updateDealInput = z
  .object(Object.fromEntries(Object.entries(dealFields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])) as { [K in keyof typeof dealFields]: z.ZodOptional<(typeof dealFields)[K]> })
  .strict();

export const dealTransitionInput = z.object({
  action: z.enum(['submit', 'withdraw', 'approve', 'reject', 'mark_funded', 'close', 'cancel', 'complete', 'archive']),
  reason: z.string().trim().min(3, 'reason must say why (3+ characters)').max(1000).optional(),
});

export const listDealsQuery = z.object({
  status: z.enum([...DEAL_STATUSES, 'pending'], { error: `status must be one of active, pending, completed, ${DEAL_STATUSES.join(', ')}` }).optional(),
  assetType: z.enum(ASSET_TYPES, { error: `assetType must be one of ${ASSET_TYPES.join(', ')}` }).optional(),
  search: z.string().trim().max(200, 'search is at most 200 characters').optional(),
  featured: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, 'limit must be at least 1').max(100, 'limit is at most 100').default(20),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0, 'offset cannot be negative').max(1_000_000).default(0),
});

export type CreateDealInput = z.infer<typeof createDealInput>;
export type UpdateDealInput = z.infer<typeof updateDealInput>;
export type ListDealsQuery = z.infer<typeof listDealsQuery>;
