import { audit } from '../audit/service';
import type { TenantTx } from '../db/tenant';
import { screenUser } from '../screening/service';
import { NO_REQUEST, type EscrowActor } from './movements';
import { refundHeldEscrowsOfUser, releaseHeldEscrowsOfUser } from './user-escrows';

/**
 * Called by the KYC module, inside the transaction that applies an application's final
 * status. Approval screens the investor first: with any open screening hit the escrows
 * stay held (and the investments pending_kyc) until a compliance officer decides the hit;
 * otherwise they are released to their deals. Rejection refunds them.
 */
export async function onKycDecision(t: TenantTx, userId: string, decision: 'approved' | 'rejected', now: Date = new Date()): Promise<void> {
  const actor: EscrowActor = { userId: t.userId, role: t.userId ? null : 'system' };
  if (decision === 'rejected') {
    await refundHeldEscrowsOfUser(t, userId, 'rejection', 'KYC rejected', actor, now);
    return;
  }
  const screening = await screenUser(t, userId);
  if (screening.openHits > 0) {
    await audit(t, { actorId: t.userId, actorRole: actor.role, action: 'escrow.release_blocked', targetType: 'user', targetId: userId, metadata: { reason: 'open_screening_hits', openHits: screening.openHits } }, NO_REQUEST);
    return;
  }
  await releaseHeldEscrowsOfUser(t, userId, actor, now);
}
