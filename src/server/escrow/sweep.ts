import { createHash } from 'node:crypto';
import { audit } from '../audit/service';
import { withPlatformRead, withTenant, type TenantTx } from '../db/tenant';
import { fromMinorUnits } from '../money';
import { notify } from '../notifications/notify';
import { clockOf, NO_REQUEST, refundEscrow, SYSTEM_ACTOR } from './movements';
import { backfillEscrows } from './open-escrow';
import { expireUnfundedReservations } from '../investments/funding-expiry';
import { decideOnChain, isOnChainEscrow } from './chain-decisions';
import { allTenantIds, adminRecipients, chainEscrowsNearDeadline, chainEscrowsPastDeadline, escrowsDue, heldEscrowsOfClosedInvestments, investmentDecimals, markAdminAlerted, type EscrowRow } from './repo';
import { canRefund, daysLeft, needsAdminAlert } from './state';

// The scheduled escrow job. A plain function of `now`: pg-boss only decides when it runs,
// and tests call it with the clock they want. Each tenant is swept in its own transaction
// (withTenant, so RLS holds), and one tenant's failure does not stop the others.

const BATCH = 500;
const CHAIN_EXTEND_LEAD_MS = 24 * 3600 * 1000;

export type TenantSweep = { opened: number; timedOut: number; closed: number; alerted: number; fundingExpired: number; chainRequests: number };
export type SweepReport = TenantSweep & { tenants: number; failures: { tenantId: string; error: string }[] };

async function alertAdmins(t: TenantTx, escrows: EscrowRow[], now: Date): Promise<void> {
  const decimals = await investmentDecimals(t, escrows.map((e) => e.investment_id));
  const lines = escrows.map((e) => {
    const amount = `${fromMinorUnits(e.amount, decimals.get(e.investment_id) ?? 0)} ${e.currency}`;
    return `- escrow ${e.id} (investment ${e.investment_id}): ${amount}; decision deadline ${e.deadline_admin.toISOString()}, refunds automatically after ${e.expires_at.toISOString()} (${daysLeft(e.expires_at, now)} days left)`;
  });
  // An admin alert (in the app, locked on; by email unless switched off), once per escrow batch.
  const batchKey = escrows.map((e) => e.id).sort().join(',');
  await notify(
    t,
    (await adminRecipients(t)).map((userId) => ({
      type: 'admin.alert' as const,
      userId,
      title: escrows.length === 1 ? 'An escrow needs a decision' : `${escrows.length} escrows need a decision`,
      body: `These investments have waited 14 days in escrow for KYC and compliance. Release or refund them before they expire, or the money goes back to the investors automatically.\n\n${lines.join('\n')}`,
      link: '/admin/escrow',
      dedupeKey: `admin.alert:escrow_decision_due:${createHash('sha256').update(batchKey).digest('hex').slice(0, 32)}:${userId}`,
      data: { kind: 'escrow_decision_due', escrowIds: escrows.map((e) => e.id) },
    })),
  );
  // The investors hear it too: their money goes back unless they are cleared before it expires.
  await notify(
    t,
    escrows.map((e) => ({
      type: 'escrow.deadline' as const,
      userId: e.investor_id,
      title: 'Your investment is waiting on your verification',
      body: `Your ${fromMinorUnits(e.amount, decimals.get(e.investment_id) ?? 0)} ${e.currency} investment is held in escrow until your verification and compliance checks clear. If they do not by ${e.expires_at.toISOString().slice(0, 10)} (${daysLeft(e.expires_at, now)} days left), the money is refunded to you automatically.`,
      link: '/verification',
      dedupeKey: `escrow.deadline:${e.id}`,
      data: { escrowId: e.id, investmentId: e.investment_id, expiresAt: e.expires_at.toISOString(), amountMinor: String(e.amount), currency: e.currency, decimals: decimals.get(e.investment_id) ?? 0 },
    })),
  );
  for (const e of escrows) {
    await markAdminAlerted(t, e.id, now);
    await audit(t, { actorId: null, actorRole: 'system', action: 'escrow.admin_alerted', targetType: 'escrow', targetId: e.id, metadata: { deadlineAdmin: e.deadline_admin.toISOString(), expiresAt: e.expires_at.toISOString() } }, NO_REQUEST);
  }
}

export async function sweepTenant(t: TenantTx, now: Date): Promise<TenantSweep> {
  const r: TenantSweep = { opened: await backfillEscrows(t, { limit: BATCH }), timedOut: 0, closed: 0, alerted: 0, fundingExpired: await expireUnfundedReservations(t, now, BATCH), chainRequests: 0 };
  // On-chain escrows past their on-chain deadline: the sweep sends refundAfterTimeout; the row
  // moves when the indexer sees the Refunded event.
  for (const e of await chainEscrowsPastDeadline(t, now, BATCH)) {
    if ((await decideOnChain(t, e, 'refund_timeout', SYSTEM_ACTOR, now, { note: 'no decision before the on-chain deadline' })).recorded) r.chainRequests++;
  }
  // The investor cancelled (or an admin refunded) the investment itself: nothing is left to hold.
  for (const e of await heldEscrowsOfClosedInvestments(t, BATCH)) {
    if (isOnChainEscrow(e)) continue;
    await refundEscrow(t, e, 'manual', `investment ${e.investment_status}`, SYSTEM_ACTOR, now);
    r.closed++;
  }
  const toAlert: EscrowRow[] = [];
  // The 14-day mark on chain: a day ahead of the on-chain deadline (release and extension revert
  // after it) the deadline is extended to the 30-day maximum, as the off-chain ledger keeps
  // deciding until then, and the admins are alerted.
  for (const e of await chainEscrowsNearDeadline(t, now, CHAIN_EXTEND_LEAD_MS, BATCH)) {
    await decideOnChain(t, e, 'extend', SYSTEM_ACTOR, now, { deadline: e.expires_at, note: 'extended to the 30-day maximum at the decision deadline' });
    r.chainRequests++;
    if (e.admin_alerted_at === null) toAlert.push(e);
  }
  for (const e of await escrowsDue(t, now, BATCH)) {
    if (e.status !== 'held') continue;
    // On-chain escrows: extended and alerted ahead of their deadline (above), refunded by timeout after it.
    if (isOnChainEscrow(e)) continue;
    if (canRefund(clockOf(e), 'timeout', now)) {
      await refundEscrow(t, e, 'timeout', 'no decision within 30 days', SYSTEM_ACTOR, now);
      r.timedOut++;
    } else if (needsAdminAlert(clockOf(e), now)) toAlert.push(e);
  }
  if (toAlert.length) await alertAdmins(t, toAlert, now);
  r.alerted = toAlert.length;
  return r;
}

export async function runEscrowSweep(opts: { now?: Date; tenantIds?: string[] } = {}): Promise<SweepReport> {
  const now = opts.now ?? new Date();
  const ids = opts.tenantIds ?? (await withPlatformRead(allTenantIds));
  const report: SweepReport = { tenants: ids.length, opened: 0, timedOut: 0, closed: 0, alerted: 0, fundingExpired: 0, chainRequests: 0, failures: [] };
  for (const tenantId of ids) {
    try {
      const r = await withTenant(tenantId, null, (t) => sweepTenant(t, now));
      report.opened += r.opened;
      report.timedOut += r.timedOut;
      report.closed += r.closed;
      report.alerted += r.alerted;
      report.fundingExpired += r.fundingExpired;
      report.chainRequests += r.chainRequests;
    } catch (e) {
      report.failures.push({ tenantId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}
