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
