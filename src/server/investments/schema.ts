import { z } from 'zod';
import { amountField } from '../money';

export const investInput = z
  .object({
    amount: amountField('amount'),
    paymentMethod: z.enum(['crypto', 'wire', 'card', 'ach'], { error: 'paymentMethod must be one of crypto, wire, card, ach' }),
    walletAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'walletAddress must be a 0x address of 40 hex digits').optional(),
    /** Where the investor is as they place this order (ISO 3166-1 alpha-2): Regulation S sales must be offshore transactions (17 CFR 230.903(a)(1)). */
    orderCountry: z.string().regex(/^[A-Z]{2}$/, 'orderCountry must be the ISO 3166-1 alpha-2 code of the country you are in as you order, such as DE').optional(),
  });
// walletAddress: required for crypto on off-chain deals; on an on-chain deal it picks one of the
// investor's linked wallets (default: the newest). Checked with the deal (invest-on-chain.ts).

export const cancelInvestmentInput = z.object({ reason: z.string().trim().max(500).optional() }).optional();

export type InvestInput = z.infer<typeof investInput>;

const INVESTMENT_STATUSES = ['pending_kyc', 'pending_payment', 'in_escrow', 'confirmed', 'refunded', 'cancelled'] as const;

/** GET /api/admin/investments: the operator's filters. */
export const adminInvestmentListQuery = z.object({
  status: z.enum(INVESTMENT_STATUSES, { error: `status must be one of ${INVESTMENT_STATUSES.join(', ')}` }).optional(),
  dealId: z.uuid({ error: 'dealId must be a UUID' }).optional(),
  /** Part of the investor's email or name. */
  investor: z.string().trim().max(200, 'investor is at most 200 characters').optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1, 'limit must be at least 1').max(200, 'limit is at most 200').default(50),
  offset: z.coerce.number({ error: 'offset must be a number' }).int().min(0, 'offset cannot be negative').max(1_000_000).default(0),
});
export type AdminInvestmentListQuery = z.infer<typeof adminInvestmentListQuery>;
