import type { Principal } from '../../auth/principal';
import { withTenant } from '../../db/tenant';
import type { TenantContext } from '../../tenancy/resolve';
import { explorerAddressUrl, explorerTxUrl } from '../explorer';
import { listUnmatchedEscrows } from './repo';

/**
 * GET /api/admin/escrow/unmatched: escrows funded on chain that no reservation matched (it had
 * expired or been cancelled, or the wallet or amount differed). The money is real and sits in
 * the escrow contract: an admin refunds it manually (refundManually on chain).
 */
export async function listUnmatchedEscrowsForAdmin(tenant: TenantContext, admin: Principal) {
  const rows = await withTenant(tenant.id, { userId: admin.userId }, (t) => listUnmatchedEscrows(t, 500));
  return {
    unmatched: rows.map((u) => ({
      id: u.id,
      chainId: Number(u.chain_id),
      escrowAddress: u.escrow_address,
      escrowUrl: explorerAddressUrl(u.chain_id, u.escrow_address),
      saleAddress: u.sale_address,
      dealId: u.deal_id,
      investorWallet: u.investor_address,
      paymentToken: u.token_address,
      // In the payment token's base units (what the escrow holds).
      tokenAmount: u.amount,
      status: u.status,
      txHash: u.tx_hash,
      txUrl: explorerTxUrl(u.chain_id, u.tx_hash),
      closedTxHash: u.closed_tx_hash,
      createdAt: u.created_at.toISOString(),
    })),
  };
}
