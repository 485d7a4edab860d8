import { audit, type RequestMeta } from '../audit/service';
import { findProfile } from '../auth/repo';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { ScreeningHitStatus } from '../db/types';
import { refundHeldEscrowsOfUser, releaseHeldEscrowsOfUser } from '../escrow/service';
import { Conflict, Forbidden, NotFound } from '../errors';
import { onScreeningHitDecided } from '../kyc/service';
import { countOpenHits, decideHit, findHitForUpdate, listHits } from './repo';
import type { HitDecisionInput } from './schema';
import { screenUser } from './screen-user';

// The review queue: every screening hit waits here for a compliance officer (or tenant
// admin). Confirming refunds the person's escrowed money as a rejection and revokes their
// 'enhanced' level; clearing the last open hit of someone whose KYC is approved releases it
// and lets the level follow the evidence again.

export async function listScreeningHits(tenantId: string, reviewer: Principal, q: { status?: ScreeningHitStatus; limit: number }, meta: RequestMeta) {
  return withTenant(tenantId, { userId: reviewer.userId }, async (t) => {
    const rows = await listHits(t, q);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'screening.hits_listed', metadata: { status: q.status ?? null, count: rows.length } }, meta);
    return {
      hits: rows.map((h) => ({
        id: h.id,
        status: h.status,
        source: h.source,
        score: Number(h.score),
        matchedOn: h.matched_on,
        createdAt: h.created_at.toISOString(),
        user: { id: h.user_id, email: h.email, firstName: h.first_name, lastName: h.last_name },
        entry: h.entry_id
          ? { id: h.entry_id, fullName: h.entry_name, aliases: h.entry_aliases, dateOfBirth: h.entry_date_of_birth, countries: h.entry_countries, list: { id: h.list_id, name: h.list_name, kind: h.list_kind } }
          : null,
        review: h.reviewed_at ? { by: h.reviewed_by, at: h.reviewed_at.toISOString(), note: h.note } : null,
      })),
    };
  });
}

export async function decideScreeningHit(tenantId: string, reviewer: Principal, hitId: string, input: HitDecisionInput, meta: RequestMeta, now = new Date()) {
  return withTenant(tenantId, { userId: reviewer.userId }, async (t) => {
    const hit = await findHitForUpdate(t, hitId);
    if (!hit) throw new NotFound('Screening hit not found');
    const action = `screening.hit_${input.decision === 'clear' ? 'cleared' : 'confirmed'}`;
    if (hit.user_id === reviewer.userId) {
      await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action, targetType: 'screening_hit', targetId: hitId, outcome: 'denied', metadata: { why: 'self_review' } }, meta);
      throw new Forbidden('You cannot decide a screening hit about yourself', 'self_review');
    }
    const status = input.decision === 'clear' ? 'cleared' : 'confirmed';
    if ((await decideHit(t, hitId, { status, reviewedBy: reviewer.userId, note: input.note })) !== 1)
      throw new Conflict('hit_already_decided', `This hit was already ${hit.status}`);
    const actor = { userId: reviewer.userId, role: reviewer.role };
    let escrow: { released?: number; refunded?: number; timedOut?: number } = {};
    if (status === 'confirmed') {
      escrow = await refundHeldEscrowsOfUser(t, hit.user_id, 'rejection', `screening hit confirmed: ${input.note}`, actor, now, meta);
    } else if ((await countOpenHits(t, hit.user_id)) === 0 && (await findProfile(t, hit.user_id))?.kyc_status === 'approved') {
      escrow = await releaseHeldEscrowsOfUser(t, hit.user_id, actor, now, meta);
    }
    const level = await onScreeningHitDecided(t, hit.user_id, hitId, status);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action, targetType: 'screening_hit', targetId: hitId, metadata: { userId: hit.user_id, entryId: hit.entry_id, note: input.note, escrow, level } }, meta);
    return { hit: { id: hitId, status, userId: hit.user_id, reviewedBy: reviewer.userId, note: input.note }, escrow, level };
  });
}

/** On demand: screen one person against the current lists now. */
export async function screenUserOnDemand(tenantId: string, reviewer: Principal, userId: string, meta: RequestMeta) {
  return withTenant(tenantId, { userId: reviewer.userId }, async (t) => {
    const r = await screenUser(t, userId);
    await audit(t, { actorId: reviewer.userId, actorRole: reviewer.role, action: 'screening.user_screened', targetType: 'user', targetId: userId, metadata: r }, meta);
    return { userId, opened: r.opened, openHits: r.openHits, threshold: r.threshold };
  });
}
