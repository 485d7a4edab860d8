// What an accepted chain event does to its tenant's rows, and how a reorg takes it back.
// Every effect goes through the escrow and investment modules (movements.ts, escrow-outcome.ts);
// each returns an undo record that is stored on the raw event and read back only by a rewind.
import type { TenantTx } from '../../db/tenant';
import type { EscrowStatus, InvestmentStatus } from '../../db/types';
import { SYSTEM_ACTOR, extendEscrowOnChain, openChainEscrow, refundEscrowOnChain, releaseEscrowOnChain, type ChainMovement } from '../../escrow/movements';
import { deleteChainEscrow, deleteChainRows, findEscrowByAddressForUpdate, pendingDecisionOf, reopenEscrow, setEscrowDeadline, setPendingDecision, type PendingDecision } from '../../escrow/repo';
import { fundInvestmentFromEscrow, rewindInvestmentFunding, rewindInvestmentOutcome } from '../../investments/escrow-outcome';
import { findReservationForEscrow } from '../../investments/repo';
import { PAYMENT_TOKEN_DECIMALS, refundReasonOf } from './events';
import { dealBySaleAddress, deleteUnmatched, findUnmatchedForUpdate, insertUnmatchedEscrow, setUnmatchedStatus } from './repo';

export type Effect =
  | { k: 'funded'; investmentId: string; escrowId: string }
  | { k: 'unmatched'; id: string }
  | { k: 'decided'; escrowId: string; to: EscrowStatus; investmentId: string; investmentFrom: InvestmentStatus | null; investmentTo: InvestmentStatus | null; pending: PendingDecision | null }
  | { k: 'extended'; escrowId: string; previous: string; pending: PendingDecision | null }
  | { k: 'unmatched_closed'; id: string };

export type AppliedLog = ChainMovement & { blockNumber: bigint };

const secondsToDate = (v: unknown) => new Date(Number(v) * 1000);

/** EscrowFactory.EscrowCreated: bind the reservation it funds, or keep it as unmatched for admins. */
export async function applyEscrowCreated(t: TenantTx, args: Record<string, unknown>, log: AppliedLog): Promise<Effect[]> {
  const sale = String(args.sale);
  const investor = String(args.investor);
  const escrow = String(args.escrow);
  const amount = BigInt(String(args.amount));
  const deal = await dealBySaleAddress(t, sale);
  const reservation = deal ? await findReservationForEscrow(t, log.chainId, deal.id, investor, amount, PAYMENT_TOKEN_DECIMALS) : undefined;
  if (deal && reservation) {
    const bound = await fundInvestmentFromEscrow(t, reservation.id, { escrowAddress: escrow, txHash: log.txHash }, null);
    if (bound) {
      const escrowId = await openChainEscrow(
        t,
        { id: reservation.id, investorId: reservation.investor_id, dealId: reservation.deal_id, amount: reservation.amount, currency: reservation.currency },
        { ...log, escrowAddress: escrow, decisionDeadline: secondsToDate(args.decisionDeadline) },
      );
      if (escrowId) return [{ k: 'funded', investmentId: reservation.id, escrowId }];
    }
  }
  const id = await insertUnmatchedEscrow(t, { chainId: log.chainId, escrow, sale, investor, token: String(args.token), amount: amount.toString(), dealId: deal?.id ?? null, txHash: log.txHash, blockNumber: log.blockNumber, at: log.at });
  return id ? [{ k: 'unmatched', id }] : [];
}

/** Released / Refunded / DeadlineExtended of one escrow. */
export async function applyEscrowOutcome(t: TenantTx, escrowAddress: string, name: string, args: Record<string, unknown>, log: AppliedLog): Promise<Effect[]> {
  const e = await findEscrowByAddressForUpdate(t, log.chainId, escrowAddress);
  if (!e) {
    // An escrow nobody reserved: it only closes (or stays open) for the admins' list.
    if (name !== 'Released' && name !== 'Refunded') return [];
    const u = await findUnmatchedForUpdate(t, log.chainId, escrowAddress);
    if (!u || u.status !== 'open') return [];
    await setUnmatchedStatus(t, u.id, name === 'Released' ? 'released' : 'refunded', log.txHash);
    return [{ k: 'unmatched_closed', id: u.id }];
  }
  // The decision recorded by the write side names who decided and why; the chain event carries it out.
  const expected = { Released: ['release'], Refunded: ['reject', 'refund_manual', 'refund_timeout'], DeadlineExtended: ['extend'] }[name] ?? [];
  const pending = e.pending_action && expected.includes(e.pending_action) ? pendingDecisionOf(e) : null;
  const actor = pending ? { userId: pending.pending_actor_id, role: pending.pending_actor_role } : SYSTEM_ACTOR;
  if (pending) await setPendingDecision(t, e.id, null);
  if (name === 'DeadlineExtended') {
    await extendEscrowOnChain(t, e, actor, secondsToDate(args.newDeadline), log);
    return [{ k: 'extended', escrowId: e.id, previous: e.deadline_admin.toISOString(), pending }];
  }
  if (e.status !== 'held') return []; // already decided: the chain emits one outcome per escrow
  if (name === 'Released') {
    const r = await releaseEscrowOnChain(t, e, actor, log, pending?.pending_note ?? null);
    return [{ k: 'decided', escrowId: e.id, to: 'released', investmentId: e.investment_id, investmentFrom: r.from as InvestmentStatus | null, investmentTo: r.from ? 'confirmed' : null, pending }];
  }
  if (name === 'Refunded') {
    const note = pending?.pending_note ?? (typeof args.reasonCode === 'string' && !/^0x0*$/.test(args.reasonCode) ? `reason code ${args.reasonCode}` : null);
    const r = await refundEscrowOnChain(t, e, refundReasonOf(args.reason), note, actor, log);
    return [{ k: 'decided', escrowId: e.id, to: 'refunded', investmentId: e.investment_id, investmentFrom: r.from as InvestmentStatus | null, investmentTo: r.from ? 'refunded' : null, pending }];
  }
  return [];
}

/** Takes one event's effects back (a reorg removed its block), newest effect first. */
export async function undoEffects(t: TenantTx, effects: Effect[], log: { chainId: number; txHash: string; logIndex: number }, at: Date): Promise<void> {
  const reason = `Chain reorganisation: block of tx ${log.txHash} left the chain`;
  for (const ef of [...effects].reverse()) {
    switch (ef.k) {
      case 'funded':
        await deleteChainEscrow(t, ef.escrowId);
        await rewindInvestmentFunding(t, ef.investmentId, reason);
        break;
      case 'unmatched':
        await deleteUnmatched(t, ef.id);
        break;
      case 'unmatched_closed':
        await setUnmatchedStatus(t, ef.id, 'open', null);
        break;
      case 'extended':
        await setEscrowDeadline(t, ef.escrowId, new Date(ef.previous), at);
        if (ef.pending) await setPendingDecision(t, ef.escrowId, revive(ef.pending));
        break;
      case 'decided':
        await deleteChainRows(t, log);
        await reopenEscrow(t, ef.escrowId, ef.to, at);
        if (ef.investmentFrom && ef.investmentTo) await rewindInvestmentOutcome(t, ef.investmentId, ef.investmentTo, ef.investmentFrom, reason);
        if (ef.pending) await setPendingDecision(t, ef.escrowId, revive(ef.pending));
        break;
    }
  }
}

/** A pending decision read back from the JSON undo record (dates as strings). */
function revive(p: PendingDecision): PendingDecision {
  const d = (v: unknown) => (v ? new Date(v as string) : null);
  return { ...p, pending_deadline: d(p.pending_deadline), pending_requested_at: d(p.pending_requested_at) };
}
