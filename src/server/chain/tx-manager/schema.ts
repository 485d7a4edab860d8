import { z } from 'zod';

export const chainTxListQuery = z.object({
  status: z.enum(['queued', 'sent', 'mined', 'failed', 'replaced'], { error: 'status must be one of queued, sent, mined, failed, replaced' }).optional(),
  limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(200).default(50),
});

const attempt = z.object({ attempt: z.number(), txHash: z.string(), nonce: z.string(), maxFeePerGas: z.string(), maxPriorityFeePerGas: z.string(), gasLimit: z.string(), broadcastAt: z.string().nullable() });

export const chainTxView = z.object({
  id: z.string().uuid(),
  chainId: z.number(),
  purpose: z.string().describe('escrow.release, escrow.reject, escrow.refund_manual, escrow.refund_timeout, escrow.extend, deal.create_sale, ...'),
  reference: z.object({ type: z.string(), id: z.string() }),
  from: z.string(),
  to: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'mined', 'failed', 'replaced']),
  nonce: z.string().nullable(),
  txHash: z.string().nullable(),
  receiptStatus: z.enum(['success', 'reverted']).nullable(),
  blockNumber: z.string().nullable(),
  gasUsed: z.string().nullable(),
  effectiveGasPrice: z.string().nullable(),
  lastError: z.string().nullable(),
  failures: z.number(),
  attempts: z.array(attempt),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const chainTxListResponse = z.object({ transactions: z.array(chainTxView) });
