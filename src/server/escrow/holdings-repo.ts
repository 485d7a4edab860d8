// SQL for the investor's view of their escrows (the portfolio): the escrow of each investment
// and its movements, with the chain facts the indexer wrote.
import type { TenantTx } from '../db/tenant';

export async function escrowsOfInvestments(t: TenantTx, investmentIds: string[]) {
  if (!investmentIds.length) return [];
  return t.tx
    .selectFrom('escrow_investments')
    .select(['id', 'investment_id', 'status', 'chain_id', 'escrow_address', 'deadline_admin', 'expires_at', 'pending_action'])
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', 'in', investmentIds)
    .execute();
}

export async function movementsOfEscrows(t: TenantTx, escrowIds: string[]) {
  if (!escrowIds.length) return [];
  return t.tx
    .selectFrom('escrow_transactions')
    .select(['escrow_id', 'kind', 'amount', 'tx_hash', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('escrow_id', 'in', escrowIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
