import { audit, type RequestMeta } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import type { EscrowRefundReason } from '../db/types';
import { Conflict } from '../errors';
import { refundInvestmentFromKycHold, releaseInvestmentFromKycHold } from '../investments/kyc-outcome';
import { heldEscrowOfInvestment, insertMovement, insertRefund, setEscrowStatus, type EscrowRow } from './repo';
import { canDecide, canRefund, type EscrowClock } from './state';

// The two ways money leaves an escrow. Every caller (KYC decision, screening decision, the
// sweep, an admin) goes through here, so each movement gets its transaction row, its refund
// reason, the investment's matching move and an audit entry, in the caller's transaction.

export type EscrowActor = { userId: string | null; role: string | null };
export const SYSTEM_ACTOR: EscrowActor = { userId: null, role: 'system' };
export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null, requestId: null };

export const clockOf = (e: EscrowRow): EscrowClock => ({ status: e.status, deadlineAdmin: e.deadline_admin, expiresAt: e.expires_at, adminAlertedAt: e.admin_alerted_at });

export async function releaseEscrow(t: TenantTx, e: EscrowRow, actor: EscrowActor, now: Date, meta: RequestMeta = NO_REQUEST, note: string | null = null): Promise<void> {
  if (!canDecide(clockOf(e), now))
    throw new Conflict('escrow_not_releasable', e.status === 'held' ? 'The escrow expired; it can only be refunded' : `The escrow is already ${e.status}`);
  if ((await setEscrowStatus(t, e.id, 'held', 'released', now)) !== 1) throw new Conflict('escrow_not_held', 'The escrow was decided by someone else');
  await insertMovement(t, { escrowId: e.id, kind: 'release', amount: e.amount, actorId: actor.userId, at: now });
  const investment = await releaseInvestmentFromKycHold(t, e.investment_id, actor.userId, 'KYC and compliance cleared: escrow released to the deal');
  await audit(
    t,
    { actorId: actor.userId, actorRole: actor.role, action: 'escrow.released', targetType: 'escrow', targetId: e.id, metadata: { investmentId: e.investment_id, amount: e.amount, currency: e.currency, note, investmentStatus: investment?.status ?? null } },
    meta,
  );
}

export async function refundEscrow(t: TenantTx, e: EscrowRow, reason: EscrowRefundReason, note: string | null, actor: EscrowActor, now: Date, meta: RequestMeta = NO_REQUEST): Promise<void> {
  if (!canRefund(clockOf(e), reason, now))
    throw new Conflict('escrow_not_refundable', e.status === 'held' ? `A ${reason} refund is not allowed at this point of the escrow's life` : `The escrow is already ${e.status}`);
  if ((await setEscrowStatus(t, e.id, 'held', 'refunded', now)) !== 1) throw new Conflict('escrow_not_held', 'The escrow was decided by someone else');
  await insertMovement(t, { escrowId: e.id, kind: 'refund', amount: e.amount, actorId: actor.userId, at: now });
  await insertRefund(t, { escrowId: e.id, reason, note, actorId: actor.userId, at: now });
  const investment = await refundInvestmentFromKycHold(t, e.investment_id, actor.userId, `Escrow refunded (${reason})${note ? `: ${note}` : ''}`.slice(0, 1000));
  await audit(
    t,
    { actorId: actor.userId, actorRole: actor.role, action: 'escrow.refunded', targetType: 'escrow', targetId: e.id, metadata: { investmentId: e.investment_id, amount: e.amount, currency: e.currency, reason, note, investmentStatus: investment?.status ?? null } },
    meta,
  );
}

/**
 * The investor cancelled a commitment whose money is held in escrow (227.304: a Reg CF
 * cancellation, or no reconfirmation after a material change): a manual refund of that escrow,
 * with its movement, refund record and audit entry, in the caller's transaction. On-chain escrows
 * are refunded on chain by the chain work from this record. False when no escrow is held.
 */
export async function refundEscrowOfCancelledCommitment(t: TenantTx, investmentId: string, note: string, actor: EscrowActor, now: Date, meta: RequestMeta = NO_REQUEST): Promise<boolean> {
  const e = await heldEscrowOfInvestment(t, investmentId);
  if (!e) return false;
  await refundEscrow(t, e, 'manual', note, actor, now, meta);
  return true;
}
