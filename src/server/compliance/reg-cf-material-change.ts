import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { ReconfirmationStatus } from '../db/types';
import { forgetDealListings } from '../deals/listing-cache';
import { findDeal, updateDeal } from '../deals/repo';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { notify } from '../notifications/notify';
import type { TenantContext } from '../tenancy/resolve';
import { addBusinessDays, endOfBusinessDay } from './business-days';
import { isRegCfDeal } from './reg-cf-cancellation';
import {
  decideReconfirmations,
  insertMaterialChange,
  insertReconfirmations,
  lockInvestment,
  materialChangesOf,
  outstandingCommitments,
  pendingReconfirmationsOf,
  pendingReconfirmationsOfInvestor,
} from './repo-reconfirmations';
import type { MaterialChangeInput } from './schema';

// Regulation Crowdfunding, 17 CFR 227.304(c): after a material change to the offering terms or to
// the information the issuer provided, each investor with a commitment is told and must reconfirm
// within five business days, or the commitment is cancelled (and money held refunded) by the
// compliance sweep. A material change is an explicit amendment the issuer records (deal terms of a
// live deal cannot be edited otherwise); a new deadline may come with it.

/** 227.304(c): five business days to reconfirm. */
export const RECONFIRMATION_BUSINESS_DAYS = 5;

/** The instant the reconfirmation window of a change made at `at` closes: the end of the fifth business day after it. */
export function reconfirmationDeadline(at: Date): Date {
  return endOfBusinessDay(addBusinessDays(at, RECONFIRMATION_BUSINESS_DAYS));
}

/** The window is open up to and including its last instant. */
export const reconfirmationOpen = (dueAt: Date, now: Date) => now.getTime() <= dueAt.getTime();

const OPEN_STATUSES = ['active', 'funded'];

/** POST /api/issuer/deals/[id]/material-changes: the issuer records a material change; every outstanding commitment must be reconfirmed. */
export async function recordMaterialChange(tenant: TenantContext, p: Principal, dealId: string, input: MaterialChangeInput, meta: RequestMeta) {
  const result = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal || deal.issuer_user_id !== p.userId) throw new NotFound('Deal not found');
    if (!isRegCfDeal(deal)) throw new Conflict('material_change_not_reg_cf', 'Reconfirmation after a material change (17 CFR 227.304(c)) applies to Regulation Crowdfunding offerings; this deal is not one');
    if (!OPEN_STATUSES.includes(deal.status)) throw new Conflict('material_change_offering_not_open', `A material change is recorded while the offering is open; this deal is ${deal.status}`);
    const now = new Date();
    const reconfirmBy = reconfirmationDeadline(now);
    const newEndsAt = input.endsAt ? new Date(input.endsAt) : null;
    if (newEndsAt && newEndsAt.getTime() <= now.getTime()) throw new ValidationError([{ field: 'endsAt', message: 'must be in the future' }]);
    const endsAt = newEndsAt ?? deal.ends_at;
    // Investors must have their five business days before the offering closes.
    if (endsAt && endsAt.getTime() < reconfirmBy.getTime())
      throw new ValidationError([
        { field: 'endsAt', message: `the offering must stay open until investors have had five business days to reconfirm (17 CFR 227.304(c)): extend the deadline to ${reconfirmBy.toISOString()} or later` },
      ]);
    const kinds = newEndsAt && !input.kinds.includes('deadline') ? [...input.kinds, 'deadline'] : input.kinds;
    if (newEndsAt && (await updateDeal(t, deal.id, { ends_at: newEndsAt }, ['active', 'funded'])) !== 1) throw new Conflict('deal_changed', 'The deal changed meanwhile; try again');
    const id = uuidv7(now.getTime());
    await insertMaterialChange(t, { id, dealId: deal.id, kinds, description: input.description, previousEndsAt: deal.ends_at, newEndsAt, reconfirmBy, createdBy: p.userId, at: now });
    const commitments = await outstandingCommitments(t, deal.id);
    await insertReconfirmations(t, id, reconfirmBy, commitments.map((c) => ({ investmentId: c.id, investorId: c.investor_id })));
    // A notice the investor is owed by law (227.304(c)): locked on in the app and by email.
    await notify(
      t,
      commitments.map((c) => ({
        type: 'investment.reconfirmation_required' as const,
        userId: c.investor_id,
        title: `"${deal.title}" changed. Reconfirm your investment by ${reconfirmBy.toISOString().slice(0, 10)}`,
        body:
          `The issuer of "${deal.title}" made a material change to the offering (${kinds.join(', ')}):\n\n${input.description}\n\n` +
          (newEndsAt ? `The offering now closes on ${newEndsAt.toISOString()}.\n\n` : '') +
          `Under Regulation Crowdfunding (17 CFR 227.304(c)) your commitment stands only if you reconfirm it by ${reconfirmBy.toISOString()}. ` +
          'If you do not, it is cancelled and any money you paid is returned. You can also cancel it now.',
        link: '/portfolio',
        dedupeKey: `investment.reconfirmation_required:${id}:${c.id}`,
        data: { dealId: deal.id, dealTitle: deal.title, investmentId: c.id, materialChangeId: id, reconfirmBy: reconfirmBy.toISOString(), changeDescription: input.description },
      })),
    );
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.material_change', targetType: 'deal', targetId: deal.id, metadata: { changeId: id, kinds, reconfirmBy: reconfirmBy.toISOString(), commitments: commitments.length, newEndsAt: newEndsAt?.toISOString() ?? null } }, meta);
    return { id, dealId: deal.id, kinds, description: input.description, endsAt: endsAt?.toISOString() ?? null, reconfirmBy: reconfirmBy.toISOString(), commitmentsNotified: commitments.length };
  });
  // A new deadline shows in the listings at once (committed first, then the cached totals are forgotten).
  if (input.endsAt) forgetDealListings(tenant.id);
  return result;
}

/** GET /api/issuer/deals/[id]/material-changes: the deal's changes with how many commitments were reconfirmed or cancelled. */
export async function listMaterialChanges(tenant: TenantContext, p: Principal, dealId: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal || deal.issuer_user_id !== p.userId) throw new NotFound('Deal not found');
    return { changes: await materialChangesView(t, deal.id) };
  });
}

export async function materialChangesView(t: TenantTx, dealId: string) {
  return (await materialChangesOf(t, dealId)).map((c) => ({
    id: c.id,
    kinds: c.kinds,
    description: c.description,
    previousEndsAt: c.previous_ends_at?.toISOString() ?? null,
    newEndsAt: c.new_ends_at?.toISOString() ?? null,
    reconfirmBy: c.reconfirm_by.toISOString(),
    recordedAt: c.created_at.toISOString(),
    commitmentsNotified: Number(c.notified ?? 0),
    reconfirmed: Number(c.reconfirmed ?? 0),
    cancelled: Number(c.cancelled ?? 0),
  }));
}

/** Whether the commitment awaits a reconfirmation whose window is still open (the investor may then cancel at any time, 227.304(c)). */
export async function hasPendingReconfirmation(t: TenantTx, investmentId: string, now: Date): Promise<boolean> {
  return (await pendingReconfirmationsOf(t, investmentId)).some((r) => reconfirmationOpen(r.due_at, now));
}

/** Closes the commitment's pending reconfirmations (cancelled by the investor or the sweep). */
export const closeReconfirmations = (t: TenantTx, investmentId: string, status: Exclude<ReconfirmationStatus, 'pending'>, at: Date) => decideReconfirmations(t, investmentId, status, at);

/** A commitment awaiting reconfirmation cannot be sold (confirmed) until the investor reconfirms: 409, else null. */
export async function regCfReconfirmationRefusal(t: TenantTx, investmentId: string): Promise<Conflict | null> {
  const pending = await pendingReconfirmationsOf(t, investmentId);
  if (pending.length === 0) return null;
  return new Conflict(
    'reg_cf_reconfirmation_pending',
    `The offering changed materially and the investor has not reconfirmed this commitment yet (17 CFR 227.304(c)); it cannot be confirmed before they do (they have until ${pending[pending.length - 1]!.due_at.toISOString()})`,
  );
}

/** POST /api/investments/[id]/reconfirm: the investor reconfirms their commitment after the change(s). */
export async function reconfirmCommitment(tenant: TenantContext, p: Principal, investmentId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const inv = await lockInvestment(t, investmentId);
    if (!inv || inv.investor_id !== p.userId) throw new NotFound('Investment not found');
    const now = new Date();
    const pending = await pendingReconfirmationsOf(t, inv.id);
    if (pending.length === 0) throw new Conflict('reconfirmation_not_required', 'This investment has no material change waiting for your reconfirmation');
    if (!pending.every((r) => reconfirmationOpen(r.due_at, now)))
      throw new Conflict('reconfirmation_expired', 'The five business days to reconfirm after the material change have passed (17 CFR 227.304(c)); the commitment is being cancelled and any money returned');
    await closeReconfirmations(t, inv.id, 'reconfirmed', now);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'investment.reconfirmed', targetType: 'investment', targetId: inv.id, metadata: { dealId: inv.deal_id, changes: pending.map((r) => r.material_change_id) } }, meta);
    return { investment: { id: inv.id, status: inv.status }, reconfirmedAt: now.toISOString() };
  });
}

/** GET /api/investor/reconfirmations: the caller's commitments awaiting reconfirmation. */
export async function myPendingReconfirmations(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => ({
    reconfirmations: (await pendingReconfirmationsOfInvestor(t, p.userId)).map((r) => ({
      investmentId: r.investment_id,
      dealId: r.deal_id,
      dealTitle: r.title,
      changeId: r.change_id,
      kinds: r.kinds,
      description: r.description,
      changedAt: r.created_at.toISOString(),
      newEndsAt: r.new_ends_at?.toISOString() ?? null,
      dueAt: r.due_at.toISOString(),
    })),
  }));
}
