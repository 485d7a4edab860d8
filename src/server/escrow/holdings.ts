import type { TenantTx } from '../db/tenant';
import { explorerAddressUrl, explorerTxUrl } from '../chain/explorer';
import { escrowsOfInvestments, movementsOfEscrows } from './holdings-repo';
import { daysLeft } from './state';

// What an investor sees of the escrow behind each investment: its state and deadlines, and
// for an on-chain escrow the contract, the transactions that moved the money and explorer links.

export type EscrowHolding = {
  status: string;
  onChain: boolean;
  chainId: number | null;
  escrowAddress: string | null;
  escrowUrl: string | null;
  decisionDeadline: string;
  /** Whole days left to decide (negative: overdue); null once the escrow is no longer held. */
  daysLeftToDecide: number | null;
  expiresAt: string;
  pendingDecision: string | null;
  movements: { kind: string; txHash: string | null; txUrl: string | null; at: string }[];
};

export async function escrowHoldings(t: TenantTx, investmentIds: string[], now = new Date()): Promise<Map<string, EscrowHolding>> {
  const escrows = await escrowsOfInvestments(t, investmentIds);
  const movements = await movementsOfEscrows(t, escrows.map((e) => e.id));
  return new Map(
    escrows.map((e) => [
      e.investment_id,
      {
        status: e.status,
        onChain: e.escrow_address !== null,
        chainId: e.chain_id === null ? null : Number(e.chain_id),
        escrowAddress: e.escrow_address,
        escrowUrl: explorerAddressUrl(e.chain_id, e.escrow_address),
        decisionDeadline: e.deadline_admin.toISOString(),
        daysLeftToDecide: e.status === 'held' ? daysLeft(e.deadline_admin, now) : null,
        expiresAt: e.expires_at.toISOString(),
        pendingDecision: e.pending_action,
        movements: movements.filter((m) => m.escrow_id === e.id).map((m) => ({ kind: m.kind, txHash: m.tx_hash, txUrl: explorerTxUrl(e.chain_id, m.tx_hash), at: m.created_at.toISOString() })),
      },
    ]),
  );
}
