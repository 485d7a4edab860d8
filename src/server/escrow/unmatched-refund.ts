// An escrow funded on chain that no reservation matched (the reservation had expired or was
// cancelled, or the wallet or amount differed) holds real money with no investment behind it.
// The tenant admin sends it back with Escrow.refundManually(keccak256(reason)), through the
// transaction manager, once (the dedupe key: two admins at once queue one transaction); the
// indexer closes the row when it sees the Refunded event.
import { encodeFunctionData, keccak256, stringToHex } from 'viem';
import { escrowAbi } from '../../../contracts/abi/Escrow';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { enqueueTenantTransaction } from '../chain/tx-manager/queue';
import { withTenant } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { findUnmatchedEscrow } from './repo';

export async function refundUnmatchedEscrow(tenant: TenantContext, admin: Principal, id: string, reason: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const u = await findUnmatchedEscrow(t, id);
    if (!u) throw new NotFound('Unmatched escrow not found');
    if (u.status !== 'open') throw new Conflict('escrow_not_held', `The escrow is already ${u.status}`);
    const tx = await enqueueTenantTransaction(t, 'tenant_admin', {
      chainId: Number(u.chain_id),
      to: u.escrow_address,
      data: encodeFunctionData({ abi: escrowAbi, functionName: 'refundManually', args: [keccak256(stringToHex(reason))] }),
      purpose: 'escrow.refund_manual',
      referenceType: 'escrow',
      referenceId: u.id,
      dedupeKey: `unmatched:${u.id}:refund_manual`,
    });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'escrow.refund_manual_requested', targetType: 'unmatched_escrow', targetId: u.id, metadata: { chainId: Number(u.chain_id), escrowAddress: u.escrow_address, amount: u.amount, reason, txId: tx.id } }, meta);
    return { unmatchedEscrow: { id: u.id, status: u.status, refund: { transactionId: tx.id, status: tx.status } } };
  });
}
