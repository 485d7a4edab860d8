import { audit, type RequestMeta } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import type { EscrowRefundReason } from '../db/types';
import { Conflict } from '../errors';
import { refundInvestmentFromKycHold, releaseInvestmentFromKycHold } from '../investments/kyc-outcome';
import { confirmInvestmentFromEscrow, refundInvestmentFromEscrow } from '../investments/escrow-outcome';
import { uuidv7 } from '../ids';
import { insertChainEscrowsWithDeposits, insertMovement, insertRefund, setEscrowDeadline, setEscrowStatus, type ChainLog, type EscrowRow } from './repo';
import { canDecide, canRefund, escrowDeadlines, type EscrowClock } from './state';

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

// ---- on-chain escrows: the chain indexer is the only caller. The chain has already moved the
// money, so only the status is checked (the off-chain clock does not overrule a mined block);
// the movement carries the log's identity, the time is the block's.


export type ChainMovement = ChainLog & { at: Date };

export type ChainFunding = ChainMovement & { investment: { id: string; investorId: string; dealId: string; amount: string; currency: string }; escrowAddress: string; decisionDeadline: Date };

/**
 * Opens the escrows of investments funded on chain (EscrowCreated), many in a few statements:
 * the escrow row with the on-chain deadline (expiry: block time + 30 days) and its deposit
 * movement with the funding tx. As for an off-chain escrow, opening is no privileged action and
 * writes no audit entry: the investor's own transaction is the record (chain_events keeps it).
 * Returns investment id -> escrow id for those opened.
 */
export async function openChainEscrows(t: TenantTx, fundings: ChainFunding[]): Promise<Map<string, string>> {
  const rows = fundings.map((f) => ({
    id: uuidv7(f.at.getTime()),
    investmentId: f.investment.id,
    investorId: f.investment.investorId,
    dealId: f.investment.dealId,
    amount: f.investment.amount,
    currency: f.investment.currency,
    createdAt: f.at,
    deadlineAdmin: f.decisionDeadline,
    expiresAt: escrowDeadlines(f.at).expiresAt,
    chainId: f.chainId,
    escrowAddress: f.escrowAddress,
  }));
  const opened = await insertChainEscrowsWithDeposits(
    t,
    rows.map((r, i) => ({ ...r, depositId: uuidv7(), log: fundings[i]! })),
  );
  const byInvestment = new Map<string, string>();
  for (const r of rows) if (opened.has(r.id)) byInvestment.set(r.investmentId, r.id);
  return byInvestment;
}

export async function releaseEscrowOnChain(t: TenantTx, e: EscrowRow, actor: EscrowActor, c: ChainMovement, note: string | null = null): Promise<{ investmentStatus: string | null; from: string | null }> {
  if ((await setEscrowStatus(t, e.id, 'held', 'released', c.at)) !== 1) throw new Conflict('escrow_not_held', `The escrow is already ${e.status}`);
  await insertMovement(t, { escrowId: e.id, kind: 'release', amount: e.amount, actorId: actor.userId, at: c.at, chain: c });
  const investment = await confirmInvestmentFromEscrow(t, e.investment_id, actor.userId, `Escrow released on chain into the sale (tx ${c.txHash})`, c.at);
  await audit(
    t,
    { actorId: actor.userId, actorRole: actor.role, action: 'escrow.released', targetType: 'escrow', targetId: e.id, metadata: { investmentId: e.investment_id, amount: e.amount, currency: e.currency, note, chainId: c.chainId, txHash: c.txHash, investmentStatus: investment?.status ?? null } },
    NO_REQUEST,
  );
  return { investmentStatus: investment?.status ?? null, from: investment?.moved ? investment.from : null };
}

export async function refundEscrowOnChain(t: TenantTx, e: EscrowRow, reason: EscrowRefundReason, note: string | null, actor: EscrowActor, c: ChainMovement): Promise<{ investmentStatus: string | null; from: string | null }> {
  if ((await setEscrowStatus(t, e.id, 'held', 'refunded', c.at)) !== 1) throw new Conflict('escrow_not_held', `The escrow is already ${e.status}`);
  await insertMovement(t, { escrowId: e.id, kind: 'refund', amount: e.amount, actorId: actor.userId, at: c.at, chain: c });
  await insertRefund(t, { escrowId: e.id, reason, note, actorId: actor.userId, at: c.at, chain: c });
  const investment = await refundInvestmentFromEscrow(t, e.investment_id, actor.userId, `Escrow refunded on chain (${reason})${note ? `: ${note}` : ''}`.slice(0, 1000));
  await audit(
    t,
    { actorId: actor.userId, actorRole: actor.role, action: 'escrow.refunded', targetType: 'escrow', targetId: e.id, metadata: { investmentId: e.investment_id, amount: e.amount, currency: e.currency, reason, note, chainId: c.chainId, txHash: c.txHash, investmentStatus: investment?.status ?? null } },
    NO_REQUEST,
  );
  return { investmentStatus: investment?.status ?? null, from: investment?.moved ? investment.from : null };
}

/** DeadlineExtended: the decision deadline the contract now enforces. */
export async function extendEscrowOnChain(t: TenantTx, e: EscrowRow, actor: EscrowActor, deadline: Date, c: ChainMovement): Promise<void> {
  await setEscrowDeadline(t, e.id, deadline, c.at);
  await audit(t, { actorId: actor.userId, actorRole: actor.role, action: 'escrow.deadline_extended', targetType: 'escrow', targetId: e.id, metadata: { previous: e.deadline_admin.toISOString(), deadline: deadline.toISOString(), chainId: c.chainId, txHash: c.txHash } }, NO_REQUEST);
}
