// What an accepted chain event does to its tenant's rows, and how a reorg takes it back.
// Every effect goes through the escrow and investment modules (movements.ts, escrow-outcome.ts);
// each returns an undo record that is stored on the raw event and read back only by a rewind.
import type { TenantTx } from '../../db/tenant';
import type { EscrowStatus, InvestmentStatus } from '../../db/types';
import { SYSTEM_ACTOR, extendEscrowOnChain, openChainEscrows, refundEscrowOnChain, releaseEscrowOnChain, type ChainMovement } from '../../escrow/movements';
import { deleteChainEscrow, deleteChainRows, findEscrowByAddressForUpdate, pendingDecisionOf, reopenEscrow, setEscrowDeadline, setPendingDecision, type PendingDecision } from '../../escrow/repo';
import { fundReservationsFromEscrows, rewindInvestmentFunding, rewindInvestmentOutcome } from '../../investments/escrow-outcome';
import { undoAssetEffect, type AssetEffect } from '../../assets/chain-effects';
import { undoLendingEffect, type LendingEffect } from '../../lending/chain-effects';
import { undoStakingEffect, type StakingEffect } from '../../staking/chain-effects';
import { PAYMENT_TOKEN_DECIMALS, refundReasonOf } from './events';
import { dealsBySaleAddresses, deleteUnmatched, findUnmatchedForUpdate, insertUnmatchedEscrows, setUnmatchedStatus } from './repo';

export type Effect =
  | { k: 'funded'; investmentId: string; escrowId: string }
  | { k: 'unmatched'; id: string }
  | { k: 'decided'; escrowId: string; to: EscrowStatus; investmentId: string; investmentFrom: InvestmentStatus | null; investmentTo: InvestmentStatus | null; pending: PendingDecision | null }
  | { k: 'extended'; escrowId: string; previous: string; pending: PendingDecision | null }
  | { k: 'unmatched_closed'; id: string }
  | StakingEffect
  | LendingEffect
  | AssetEffect;

export type AppliedLog = ChainMovement & { blockNumber: bigint };

const secondsToDate = (v: unknown) => new Date(Number(v) * 1000);

export type CreatedEscrow = { eventId: string; args: Record<string, unknown>; log: AppliedLog };

/**
 * EscrowFactory.EscrowCreated, a batch's worth for one tenant at once (the bulk of what the
 * indexer ingests): each escrow binds the oldest open reservation of its deal from the funding
 * wallet for exactly its amount, in log order; an escrow no reservation matches is kept as
 * unmatched for the admins. Returns each event's effects.
 */
export async function applyEscrowsCreated(t: TenantTx, created: CreatedEscrow[]): Promise<Map<string, Effect[]>> {
  // Chunks keep each multi-row statement under PostgreSQL's 65,535 bind parameters.
  const effects = new Map<string, Effect[]>();
  for (let i = 0; i < created.length; i += CHUNK) for (const [k, v] of await applyChunk(t, created.slice(i, i + CHUNK))) effects.set(k, v);
  return effects;
}

const CHUNK = 1000;

async function applyChunk(t: TenantTx, created: CreatedEscrow[]): Promise<Map<string, Effect[]>> {
  const effects = new Map<string, Effect[]>();
  if (!created.length) return effects;
  const chainId = created[0]!.log.chainId;
  const deals = await dealsBySaleAddresses(t, [...new Set(created.map((c) => String(c.args.sale)))]);
  const dealOf = (c: CreatedEscrow) => deals.get(String(c.args.sale));
  // One statement binds each escrow (in log order) to the oldest matching reservation.
  const withDeal = created.filter((c) => dealOf(c));
  const bound = await fundReservationsFromEscrows(
    t,
    chainId,
    PAYMENT_TOKEN_DECIMALS,
    withDeal.map((c) => ({ dealId: dealOf(c)!.id, wallet: String(c.args.investor), tokenAmount: BigInt(String(c.args.amount)), escrow: String(c.args.escrow), txHash: c.log.txHash })),
  );
  const funded = withDeal.flatMap((c) => {
    const r = bound.get(String(c.args.escrow));
    return r ? [{ c, r }] : [];
  });
  const opened = await openChainEscrows(
    t,
    funded.map(({ c, r }) => ({
      ...c.log,
      investment: r,
      escrowAddress: String(c.args.escrow),
      decisionDeadline: secondsToDate(c.args.decisionDeadline),
    })),
  );
  for (const { c, r } of funded) {
    const escrowId = opened.get(r.id);
    if (escrowId) effects.set(c.eventId, [{ k: 'funded', investmentId: r.id, escrowId }]);
  }
  const kept = created.filter((c) => !bound.has(String(c.args.escrow)));
  const ids = await insertUnmatchedEscrows(
    t,
    kept.map((c) => ({ chainId, escrow: String(c.args.escrow), sale: String(c.args.sale), investor: String(c.args.investor), token: String(c.args.token), amount: String(c.args.amount), dealId: dealOf(c)?.id ?? null, txHash: c.log.txHash, blockNumber: c.log.blockNumber, at: c.log.at })),
  );
  for (const c of kept) {
    const id = ids.get(String(c.args.escrow));
    if (id) effects.set(c.eventId, [{ k: 'unmatched', id }]);
  }
  return effects;
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
      case 'staking_pool_activated':
      case 'staking_row':
        await undoStakingEffect(t, ef, log);
        break;
      case 'lending_pool_activated':
      case 'lending_row':
        await undoLendingEffect(t, ef, { ...log, at });
        break;
      case 'asset_transaction':
        await undoAssetEffect(t, ef, log);
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
