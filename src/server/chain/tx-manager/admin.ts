// Admins see their tenant's server-sent transactions (failed ones above all) and put a failed one
// back in the queue. Tenant path: withTenant, so RLS and the explicit tenant filter both hold;
// a platform transaction (tenant_id null) is never visible here.
import { audit, auditStandalone, type RequestMeta } from '../../audit/service';
import type { Principal } from '../../auth/principal';
import { withTenant } from '../../db/tenant';
import type { ChainTxStatus } from '../../db/types';
import { Conflict, NotFound } from '../../errors';
import type { TenantContext } from '../../tenancy/resolve';
import { attemptsOfMany, listTenantTxs, requeueFailed, txExists } from './repo';

type Row = Awaited<ReturnType<typeof listTenantTxs>>[number];
type AttemptRow = Awaited<ReturnType<typeof attemptsOfMany>>[number];

function view(r: Row, attempts: AttemptRow[]) {
  return {
    id: r.id,
    chainId: Number(r.chain_id),
    purpose: r.purpose,
    reference: { type: r.reference_type, id: r.reference_id },
    from: r.from_address,
    to: r.to_address,
    status: r.status,
    nonce: r.nonce,
    txHash: r.tx_hash,
    receiptStatus: r.receipt_status,
    blockNumber: r.block_number,
    gasUsed: r.gas_used,
    effectiveGasPrice: r.effective_gas_price,
    lastError: r.last_error,
    failures: r.failure_count,
    attempts: attempts.map((a) => ({ attempt: a.attempt, txHash: a.tx_hash, nonce: a.nonce, maxFeePerGas: a.max_fee_per_gas, maxPriorityFeePerGas: a.max_priority_fee_per_gas, gasLimit: a.gas_limit, broadcastAt: a.broadcast_at?.toISOString() ?? null })),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listChainTransactions(tenant: TenantContext, admin: Principal, q: { status?: ChainTxStatus; limit: number }) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const rows = await listTenantTxs(t.tx, t.tenantId, q);
    const attempts = await attemptsOfMany(t.tx, rows.map((r) => r.id));
    return { transactions: rows.map((r) => view(r, attempts.filter((a) => a.transaction_id === r.id))) };
  });
}

export async function retryChainTransaction(tenant: TenantContext, admin: Principal, id: string, meta: RequestMeta) {
  const outcome = await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await txExists(t.tx, t.tenantId, id))) return new NotFound('Transaction not found');
    if (!(await requeueFailed(t.tx, t.tenantId, id, new Date()))) return new Conflict('transaction_not_failed', 'Only a failed transaction can be retried');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'chain.transaction_retried', targetType: 'chain_transaction', targetId: id }, meta);
    const [row] = await listTenantTxs(t.tx, t.tenantId, { limit: 1, id });
    return { transaction: view(row!, await attemptsOfMany(t.tx, [id])) };
  });
  if (outcome instanceof NotFound || outcome instanceof Conflict) {
    await auditStandalone(tenant.id, { actorId: admin.userId, actorRole: admin.role, action: 'chain.transaction_retried', targetType: 'chain_transaction', targetId: id, outcome: 'denied', metadata: { why: outcome.code } }, meta);
    throw outcome;
  }
  return outcome;
}
