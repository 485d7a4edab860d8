import type { RequestMeta } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import type { EscrowRefundReason } from '../db/types';
import { clockOf, NO_REQUEST, refundEscrow, releaseEscrow, SYSTEM_ACTOR, type EscrowActor } from './movements';
import { decideOnChain, isOnChainEscrow } from './chain-decisions';
import { backfillEscrows } from './open-escrow';
import { heldEscrowsOfInvestor } from './repo';
import { isExpired } from './state';

// Decisions about a person apply to every escrow they hold. An escrow already past its
// expiry can no longer be released or rejected: it goes back by timeout instead, as on chain.

export async function releaseHeldEscrowsOfUser(t: TenantTx, userId: string, actor: EscrowActor, now: Date, meta: RequestMeta = NO_REQUEST): Promise<{ released: number; timedOut: number }> {
  await backfillEscrows(t, { investorId: userId });
  let released = 0;
  let timedOut = 0;
  for (const e of await heldEscrowsOfInvestor(t, userId)) {
    if (isOnChainEscrow(e)) {
      // Recorded and sent as a transaction; the row moves when the chain has done it.
      if (e.pending_action) continue;
      const late = now.getTime() > e.deadline_admin.getTime();
      await decideOnChain(t, e, late ? 'refund_timeout' : 'release', late ? SYSTEM_ACTOR : actor, now, { meta });
      late ? timedOut++ : released++;
      continue;
    }
    if (isExpired(clockOf(e), now)) {
      await refundEscrow(t, e, 'timeout', null, SYSTEM_ACTOR, now, meta);
      timedOut++;
    } else {
      await releaseEscrow(t, e, actor, now, meta);
      released++;
    }
  }
  return { released, timedOut };
}

export async function refundHeldEscrowsOfUser(
  t: TenantTx,
  userId: string,
  reason: Exclude<EscrowRefundReason, 'timeout'>,
  note: string | null,
  actor: EscrowActor,
  now: Date,
  meta: RequestMeta = NO_REQUEST,
): Promise<{ refunded: number }> {
  await backfillEscrows(t, { investorId: userId });
  let refunded = 0;
  for (const e of await heldEscrowsOfInvestor(t, userId)) {
    if (isOnChainEscrow(e)) {
      if (e.pending_action) continue;
      const late = now.getTime() > e.deadline_admin.getTime();
      await decideOnChain(t, e, late ? 'refund_timeout' : reason === 'rejection' ? 'reject' : 'refund_manual', late ? SYSTEM_ACTOR : actor, now, { note, meta });
      refunded++;
      continue;
    }
    const late = reason === 'rejection' && isExpired(clockOf(e), now);
    await refundEscrow(t, e, late ? 'timeout' : reason, note, late ? SYSTEM_ACTOR : actor, now, meta);
    refunded++;
  }
  return { refunded };
}
