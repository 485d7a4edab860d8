import { z } from 'zod';
import { escrowExtendInput, escrowRefundInput } from '../../escrow/schema';
import { chainTxListQuery, chainTxListResponse, chainTxView } from './schema';

const idParam = z.object({ id: z.string().uuid() });

// The transaction manager's admin routes (and the escrow extension) for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const chainTxOps = [
  { tag: 'admin', method: 'get', path: '/api/admin/chain/transactions', summary: 'The tenant’s server-sent chain transactions (e.g. ?status=failed), with every attempt’s hash and fees', auth: ['tenant_admin'], query: chainTxListQuery, response: chainTxListResponse },
  { tag: 'admin', method: 'post', path: '/api/admin/chain/transactions/{id}/retry', summary: 'Put a failed transaction back in the queue (audited); 409 transaction_not_failed otherwise', auth: ['tenant_admin'], params: idParam, response: z.object({ transaction: chainTxView }) },
  { tag: 'admin', method: 'post', path: '/api/admin/escrow/{id}/extend', summary: 'Extend an on-chain escrow’s decision deadline (queued as Escrow.extendDecisionDeadline; the escrow shows it pending until the chain has done it)', auth: ['tenant_admin'], params: idParam, body: escrowExtendInput },
  { tag: 'admin', method: 'post', path: '/api/admin/escrow/{id}/reject', summary: 'Reject the investor and refund the escrow as a rejection (on chain: Escrow.reject() with the tenant’s admin key, shown pending until the chain has done it)', auth: ['tenant_admin'], params: idParam, body: escrowRefundInput },
  { tag: 'admin', method: 'post', path: '/api/admin/escrow/unmatched/{id}/refund', summary: 'Send an unmatched escrow (funded on chain without a reservation) back to its investor: Escrow.refundManually(keccak256(reason)), queued once and audited; the indexer closes it on the Refunded event', auth: ['tenant_admin'], params: idParam, body: escrowRefundInput },
] as const;
