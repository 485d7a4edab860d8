import type { RequestMeta } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import { decideOnChain, isOnChainEscrow } from './chain-decisions';
import { NO_REQUEST, refundEscrow, type EscrowActor } from './movements';
import { heldEscrowOfInvestment } from './repo';

/**
 * The investor cancelled a commitment whose money is held in escrow (227.304: a Reg CF
 * cancellation, or no reconfirmation after a material change): a manual refund of that escrow, in
 * the caller's transaction. Off chain the ledger moves at once (movement, refund record, audit);
 * on chain the refund is recorded as the escrow's pending decision and its refundManually
 * transaction queued, and the ledger follows when the indexer sees the refund mined.
 * False when no escrow is held.
 */
export async function refundEscrowOfCancelledCommitment(t: TenantTx, investmentId: string, note: string, actor: EscrowActor, now: Date, meta: RequestMeta = NO_REQUEST): Promise<boolean> {
  const e = await heldEscrowOfInvestment(t, investmentId);
  if (!e) return false;
  if (isOnChainEscrow(e)) await decideOnChain(t, e, 'refund_manual', actor, now, { note, meta });
  else await refundEscrow(t, e, 'manual', note, actor, now, meta);
  return true;
}
