import { z } from 'zod';

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
  .transform((a) => a.toLowerCase() as `0x${string}`);
/** A decimal amount in whole tokens ("1250.5"); converted with the token's decimals, never rounded. */
const decimalAmount = z.string().trim().regex(/^\d{1,60}(\.\d{1,36})?$/, 'must be a decimal number such as "1250.50"');
/** A yearly rate in percent with up to 16 decimals ("2.5" = 2.5% a year); the contract keeps it x 1e18 / 100. */
const percent = z.string().trim().regex(/^\d{1,6}(\.\d{1,16})?$/, 'must be a percentage such as "2.5"');
const bps = (max: number) => z.number().int().min(0).max(max);

export const collateralInput = z
  .object({
    token: address,
    ltvBps: bps(10_000).min(1),
    liquidationThresholdBps: bps(10_000).min(1),
    liquidationBonusBps: bps(5_000),
    maxPriceAgeSeconds: z.number().int().min(60).max(30 * 86_400),
    feed: address.optional().describe('a Chainlink-compatible AggregatorV3 feed; omitted: the price is set by the tenant'),
    price: decimalAmount.optional().describe('the first price: stablecoin per whole collateral token ("1000.50"); required without a feed'),
  })
  .strict()
  .refine((c) => c.ltvBps <= c.liquidationThresholdBps, { message: 'ltvBps cannot exceed liquidationThresholdBps', path: ['ltvBps'] })
  .refine((c) => c.liquidationThresholdBps * (10_000 + c.liquidationBonusBps) < 10_000 * 10_000, {
    message: 'a liquidation must leave the position healthier: liquidationThresholdBps x (1 + bonus) must stay below 100%',
    path: ['liquidationThresholdBps'],
  })
  .refine((c) => c.feed !== undefined || c.price !== undefined, { message: 'a collateral without a feed needs its first price', path: ['price'] });

export const createLendingPoolInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    chainId: z.number().int().positive(),
    asset: address.describe('the stablecoin lent and borrowed'),
    baseRatePercent: percent,
    slope1Percent: percent,
    slope2Percent: percent,
    optimalUtilisationPercent: percent.describe('the kink, strictly between 0 and 100'),
    reserveFactorBps: bps(10_000),
    closeFactorBps: bps(10_000).min(1).default(5_000),
    minVerificationLevel: z.enum(['none', 'basic', 'standard', 'enhanced', 'accredited']).default('none'),
    collaterals: z.array(collateralInput).min(1).max(8),
  })
  .strict()
  .refine((v) => Number(v.optimalUtilisationPercent) > 0 && Number(v.optimalUtilisationPercent) < 100, {
    message: 'optimalUtilisationPercent must be strictly between 0 and 100',
    path: ['optimalUtilisationPercent'],
  })
  .refine((v) => new Set(v.collaterals.map((c) => c.token)).size === v.collaterals.length, { message: 'each collateral token once', path: ['collaterals'] })
  .refine((v) => v.collaterals.every((c) => c.token !== v.asset), { message: 'the stablecoin cannot be its own collateral', path: ['collaterals'] });

export type CreateLendingPoolInput = z.infer<typeof createLendingPoolInput>;

export const setPriceInput = z
  .object({
    token: address,
    price: decimalAmount.describe('stablecoin per whole collateral token ("1000.50")'),
  })
  .strict();
export type SetPriceInput = z.infer<typeof setPriceInput>;

export const lendingSettingsInput = z
  .object({
    disclosureTitle: z.string().trim().min(1).max(200),
    disclosureBody: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type LendingSettingsInput = z.infer<typeof lendingSettingsInput>;

export const acknowledgeInput = z.object({ version: z.number().int().positive().describe('the disclosure version the member read') }).strict();

export const LENDING_ACTIONS = ['supply', 'withdraw', 'deposit_collateral', 'withdraw_collateral', 'borrow', 'repay', 'liquidate'] as const;
export type LendingAction = (typeof LENDING_ACTIONS)[number];

export const walletCallInput = z
  .object({
    action: z.enum(LENDING_ACTIONS),
    wallet: address.describe('the wallet that will send the call (linked to the caller, except for a liquidation)'),
    amount: z.union([decimalAmount, z.literal('max')]).describe('whole tokens; "max" withdraws the whole balance or repays the whole debt'),
    token: address.optional().describe('the collateral token (collateral actions and liquidation)'),
    borrower: address.optional().describe('the position to repay or liquidate (default: the wallet)'),
  })
  .strict()
  .refine((v) => !['deposit_collateral', 'withdraw_collateral', 'liquidate'].includes(v.action) || v.token !== undefined, { message: 'this action needs the collateral token', path: ['token'] })
  .refine((v) => v.action !== 'liquidate' || v.borrower !== undefined, { message: 'a liquidation names the borrower', path: ['borrower'] })
  .refine((v) => v.amount !== 'max' || ['withdraw', 'repay', 'liquidate'].includes(v.action), { message: '"max" is only for withdraw, repay and liquidate', path: ['amount'] });
export type WalletCallInput = z.infer<typeof walletCallInput>;
