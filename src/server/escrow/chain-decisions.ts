// Decisions on an on-chain escrow. The money is in the escrow contract, so a decision cannot
// move the ledger row by itself: it is RECORDED here (once, audited) in the escrow's pending_*
// columns, and the transaction that carries it is queued with the transaction manager in the same
// database transaction. The row changes state only when the indexer sees Released / Refunded /
// DeadlineExtended, and then applies it with the actor and note recorded here (movements.ts).
//
//   release        Escrow.release()                     the tenant's operator
//   reject         Escrow.reject()                      the tenant's admin
//   refund_manual  Escrow.refundManually(reasonCode)    the tenant's admin (keccak256 of the note)
//   refund_timeout Escrow.refundAfterTimeout()          the tenant's operator (anyone may)
//   extend         Escrow.extendDecisionDeadline(t)     the tenant's operator
import { encodeFunctionData, keccak256, stringToHex, type Hex } from 'viem';
import { escrowAbi } from '../../../contracts/abi/Escrow';
import { audit, type RequestMeta } from '../audit/service';
import { enqueueTenantTransaction } from '../chain/tx-manager/queue';
import type { TenantTx } from '../db/tenant';
import type { EscrowPendingAction } from '../db/types';
import { Conflict } from '../errors';
import { clockOf, NO_REQUEST, type EscrowActor } from './movements';
import { recordPendingDecision, type EscrowRow } from './repo';
import { canDecide, canRefund, isExpired } from './state';

export const isOnChainEscrow = (e: EscrowRow) => e.chain_id !== null && e.escrow_address !== null;

const ROLE: Record<EscrowPendingAction, 'operator' | 'tenant_admin'> = {
  release: 'operator',
  reject: 'tenant_admin',
  refund_manual: 'tenant_admin',
  refund_timeout: 'operator',
  extend: 'operator',
};

function callData(action: EscrowPendingAction, reasonCode: Hex | null, deadline: Date | null): Hex {
  switch (action) {
    case 'release':
      return encodeFunctionData({ abi: escrowAbi, functionName: 'release' });
    case 'reject':
      return encodeFunctionData({ abi: escrowAbi, functionName: 'reject' });
    case 'refund_manual':
      return encodeFunctionData({ abi: escrowAbi, functionName: 'refundManually', args: [reasonCode!] });
    case 'refund_timeout':
      return encodeFunctionData({ abi: escrowAbi, functionName: 'refundAfterTimeout' });
    case 'extend':
      return encodeFunctionData({ abi: escrowAbi, functionName: 'extendDecisionDeadline', args: [Math.floor(deadline!.getTime() / 1000)] });
  }
}

function allowed(e: EscrowRow, action: EscrowPendingAction, now: Date, deadline: Date | null): Conflict | null {
  const c = clockOf(e);
  if (e.status !== 'held') return new Conflict('escrow_not_held', `The escrow is already ${e.status}`);
  if (action === 'release' && !canDecide(c, now)) return new Conflict('escrow_not_releasable', 'The escrow expired; it can only be refunded');
  if (action === 'reject' && !canRefund(c, 'rejection', now)) return new Conflict('escrow_not_refundable', 'A rejection refund is not allowed at this point of the escrow\'s life');
  // On chain, release and rejection (and extension) end with the on-chain decision deadline.
  if ((action === 'release' || action === 'reject' || action === 'extend') && now.getTime() > e.deadline_admin.getTime())
    return new Conflict('escrow_decision_window_closed', `The on-chain decision window closed at ${e.deadline_admin.toISOString()}; the escrow can only be refunded`);
  if (action === 'refund_timeout' && !(now.getTime() > e.deadline_admin.getTime())) return new Conflict('escrow_not_refundable', 'The on-chain decision deadline has not passed yet');
  if (action === 'extend') {
    if (isExpired(c, now)) return new Conflict('escrow_not_extendable', 'The escrow expired');
    if (!deadline || deadline.getTime() <= e.deadline_admin.getTime() || deadline.getTime() > e.expires_at.getTime())
      return new Conflict('escrow_deadline_invalid', `The new deadline must be after ${e.deadline_admin.toISOString()} and at most ${e.expires_at.toISOString()}`);
  }
  return null;
}

export type ChainDecision = { action: EscrowPendingAction; txId: string; recorded: boolean };

/**
 * Records the decision and queues its transaction. Idempotent: the same decision again (a job or
 * request that runs twice) returns the recorded one; a different decision while one is pending
 * is a 409 naming the pending one.
 */
export async function decideOnChain(
  t: TenantTx,
  e: EscrowRow,
  action: EscrowPendingAction,
  actor: EscrowActor,
  now: Date,
  opts: { note?: string | null; deadline?: Date | null; meta?: RequestMeta } = {},
): Promise<ChainDecision> {
  if (e.pending_action) {
    const same = e.pending_action === action && (action !== 'extend' || e.pending_deadline?.getTime() === opts.deadline?.getTime());
    if (same) return { action, txId: e.pending_tx_id!, recorded: false };
    throw new Conflict('escrow_decision_pending', `A ${e.pending_action.replace('_', ' ')} of this escrow is already on its way to the chain`);
  }
  const refused = allowed(e, action, now, opts.deadline ?? null);
  if (refused) throw refused;
  const note = opts.note ?? null;
  const reasonCode = action === 'refund_manual' ? keccak256(stringToHex(note ?? 'manual refund')) : null;
  const tx = await enqueueTenantTransaction(t, ROLE[action], {
    chainId: Number(e.chain_id),
    to: e.escrow_address!,
    data: callData(action, reasonCode, opts.deadline ?? null),
    purpose: `escrow.${action}`,
    referenceType: 'escrow',
    referenceId: e.id,
    dedupeKey: `escrow:${e.id}:${action}${action === 'extend' ? `:${opts.deadline!.getTime()}` : ''}`,
  });
  const recorded = await recordPendingDecision(t, e.id, {
    pending_action: action,
    pending_actor_id: actor.userId,
    pending_actor_role: actor.role,
    pending_note: note,
    pending_reason_code: reasonCode,
    pending_deadline: opts.deadline ?? null,
    pending_requested_at: now,
    pending_tx_id: tx.id,
  });
  if (!recorded) throw new Conflict('escrow_decision_pending', 'Another decision on this escrow was recorded meanwhile');
  await audit(
    t,
    { actorId: actor.userId, actorRole: actor.role, action: `escrow.${action}_requested`, targetType: 'escrow', targetId: e.id, metadata: { investmentId: e.investment_id, chainId: Number(e.chain_id), escrowAddress: e.escrow_address, txId: tx.id, note, deadline: opts.deadline?.toISOString() ?? null } },
    opts.meta ?? NO_REQUEST,
  );
  return { action, txId: tx.id, recorded: true };
}
