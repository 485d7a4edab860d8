import { auditStandalone, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { EscrowStatus } from '../db/types';
import { Conflict, NotFound } from '../errors';
import { fromMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { refundEscrow, releaseEscrow } from './movements';
import { decideOnChain, isOnChainEscrow } from './chain-decisions';
import { findProfile } from '../auth/repo';
import { findEscrowForUpdate, listEscrows, listMovements } from './repo';
import { daysLeft } from './state';
import { openScreeningHits } from '../screening/service';

// The tenant admin's view of escrowed money and the manual decisions on it.

type ListRow = Awaited<ReturnType<typeof listEscrows>>[number];
type MovementRow = Awaited<ReturnType<typeof listMovements>>[number];

function escrowView(e: ListRow, movements: MovementRow[], now: Date) {
  const money = (v: string) => fromMinorUnits(v, e.currency_decimals);
  return {
    id: e.id,
    investmentId: e.investment_id,
    investmentStatus: e.investment_status,
    dealId: e.deal_id,
    investor: { id: e.investor_id, email: e.email, firstName: e.first_name, lastName: e.last_name },
    amount: money(e.amount),
    currency: e.currency,
    status: e.status,
    createdAt: e.created_at.toISOString(),
    deadlineAdmin: e.deadline_admin.toISOString(),
    expiresAt: e.expires_at.toISOString(),
    daysLeftToDecide: e.status === 'held' ? daysLeft(e.deadline_admin, now) : null,
    daysLeftToExpiry: e.status === 'held' ? daysLeft(e.expires_at, now) : null,
    adminAlertedAt: e.admin_alerted_at?.toISOString() ?? null,
    refund: e.refund_reason ? { reason: e.refund_reason, note: e.refund_note } : null,
    chain: { chainId: e.chain_id, escrowAddress: e.escrow_address },
    // An on-chain decision recorded and sent, not yet seen on chain (the transaction: GET /api/admin/chain/transactions).
    pendingDecision: e.pending_action
      ? { action: e.pending_action, actorId: e.pending_actor_id, note: e.pending_note, deadline: e.pending_deadline?.toISOString() ?? null, requestedAt: e.pending_requested_at?.toISOString() ?? null, transactionId: e.pending_tx_id }
      : null,
    movements: movements.map((m) => ({ id: m.id, kind: m.kind, amount: money(m.amount), txHash: m.tx_hash, actorId: m.actor_id, at: m.created_at.toISOString() })),
  };
}

export async function listEscrowsForAdmin(tenant: TenantContext, admin: Principal, q: { status?: EscrowStatus; limit: number }, now = new Date()) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const rows = await listEscrows(t, q);
    const movements = await listMovements(t, rows.map((r) => r.id));
    return { escrows: rows.map((r) => escrowView(r, movements.filter((m) => m.escrow_id === r.id), now)) };
  });
}

async function viewOne(t: Parameters<typeof listEscrows>[0], id: string, now: Date) {
  const [row] = await listEscrows(t, { id, limit: 1 });
  return row ? escrowView(row, await listMovements(t, [id]), now) : null;
}

/** Release by hand: only for an investor whose KYC is approved and who has no open screening hit. */
export async function releaseEscrowByAdmin(tenant: TenantContext, admin: Principal, escrowId: string, note: string | undefined, meta: RequestMeta, now = new Date()) {
  const outcome = await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const e = await findEscrowForUpdate(t, escrowId);
    if (!e) throw new NotFound('Escrow not found');
    const kyc = (await findProfile(t, e.investor_id))?.kyc_status ?? null;
    if (kyc !== 'approved') return { escrow: null, denied: new Conflict('kyc_not_approved', `The investor's KYC is ${kyc ?? 'not started'}; release needs it approved`) };
    if ((await openScreeningHits(t, e.investor_id)) > 0) return { escrow: null, denied: new Conflict('screening_hits_open', 'The investor has open screening hits; a compliance officer must decide them first') };
    const actor = { userId: admin.userId, role: admin.role };
    // On chain: recorded and queued; the escrow shows the pending release until the chain has done it.
    if (isOnChainEscrow(e)) await decideOnChain(t, e, 'release', actor, now, { note: note ?? null, meta });
    else await releaseEscrow(t, e, actor, now, meta, note ?? null);
    return { escrow: await viewOne(t, e.id, now), denied: null };
  });
  if (outcome.denied) {
    // Recorded outside the refused transaction, so the attempt stays on the trail.
    await auditStandalone(tenant.id, { actorId: admin.userId, actorRole: admin.role, action: 'escrow.release', targetType: 'escrow', targetId: escrowId, outcome: 'denied', metadata: { why: outcome.denied.code } }, meta);
    throw outcome.denied;
  }
  return { escrow: outcome.escrow };
}

export async function refundEscrowByAdmin(tenant: TenantContext, admin: Principal, escrowId: string, reason: string, meta: RequestMeta, now = new Date()) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const e = await findEscrowForUpdate(t, escrowId);
    if (!e) throw new NotFound('Escrow not found');
    const actor = { userId: admin.userId, role: admin.role };
    if (isOnChainEscrow(e)) await decideOnChain(t, e, 'refund_manual', actor, now, { note: reason, meta });
    else await refundEscrow(t, e, 'manual', reason, actor, now, meta);
    return { escrow: await viewOne(t, e.id, now) };
  });
}

/**
 * Reject: the investor is refused, and the money goes back as a rejection refund (on chain:
 * Escrow.reject() with the tenant's admin key, recorded once and applied when the indexer sees it).
 */
export async function rejectEscrowByAdmin(tenant: TenantContext, admin: Principal, escrowId: string, reason: string, meta: RequestMeta, now = new Date()) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const e = await findEscrowForUpdate(t, escrowId);
    if (!e) throw new NotFound('Escrow not found');
    const actor = { userId: admin.userId, role: admin.role };
    if (isOnChainEscrow(e)) await decideOnChain(t, e, 'reject', actor, now, { note: reason, meta });
    else await refundEscrow(t, e, 'rejection', reason, actor, now, meta);
    return { escrow: await viewOne(t, e.id, now) };
  });
}

/** On-chain escrows only: moves the on-chain decision deadline later (at most the 30-day expiry). */
export async function extendEscrowByAdmin(tenant: TenantContext, admin: Principal, escrowId: string, deadline: Date, meta: RequestMeta, now = new Date()) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const e = await findEscrowForUpdate(t, escrowId);
    if (!e) throw new NotFound('Escrow not found');
    if (!isOnChainEscrow(e)) throw new Conflict('escrow_not_on_chain', 'Only an on-chain escrow has a decision deadline to extend; off-chain escrows stay decidable until they expire');
    await decideOnChain(t, e, 'extend', { userId: admin.userId, role: admin.role }, now, { deadline, meta });
    return { escrow: await viewOne(t, e.id, now) };
  });
}
