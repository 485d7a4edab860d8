import { z } from 'zod';

// The invest response for /api/openapi.json. `onChain` is present only for a deal that settles on
// chain (deals.chainId set); the wallet then does, in order:
//   1. ERC-20 approve(escrowFactory, amount) on paymentToken (amount in base units, `decimals` 6),
//   2. EscrowFactory.createEscrow(sale, amount) from the same wallet, before fundingDeadline.
// The indexer binds the funded escrow to this investment (status pending_payment -> in_escrow,
// transactionHash filled). `approval` is the compliance signer's EIP-712 Eligibility signature
// (domain TokenSale/1, the chain id, verifyingContract = sale) over (investor wallet,
// approvedAmount = the investor's total in this deal in base units, deadline in unix seconds),
// which TokenSale.investWithApproval accepts. A reservation not funded by fundingDeadline is
// cancelled (cancelReason funding_expired) and its capacity returns to the deal.
export const onChainInstructionsSchema = z.object({
  chainId: z.number().int(),
  escrowFactory: z.string().regex(/^0x[0-9a-f]{40}$/),
  sale: z.string().regex(/^0x[0-9a-f]{40}$/),
  paymentToken: z.string().regex(/^0x[0-9a-f]{40}$/),
  amount: z.string().regex(/^\d+$/).describe('base units of the payment token'),
  decimals: z.number().int(),
  fundingDeadline: z.string().describe('ISO-8601: createEscrow must be mined before it'),
  approval: z.object({ approvedAmount: z.string().regex(/^\d+$/), deadline: z.string().regex(/^\d+$/).describe('unix seconds'), signature: z.string().regex(/^0x[0-9a-f]+$/) }),
});

export const investResponse = z.object({
  success: z.boolean(),
  investment: z.object({ id: z.string().uuid(), transactionHash: z.string().nullable() }),
  onChain: onChainInstructionsSchema.optional().describe('only for on-chain deals: what the investor’s wallet must do'),
});
