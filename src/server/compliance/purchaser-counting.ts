import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { deleteDeclaration, declarationOf, memberById, someoneCountsWith, upsertDeclaration } from './repo-501e';
import { findUserIdByEmail } from './repo-506b';
import type { PurchaserCountingInput } from './schema';

// Rule 501(e) declarations: how an investor counts among the 35 non-accredited purchasers of
// Rule 506(b) (rules/purchaser-count-501e.ts). The investor records their own; a compliance
// officer or admin records anyone's. One declaration per investor; links are one level deep (a
// purchaser others count with does not count with someone else), so a count never follows chains.

function view(d: Awaited<ReturnType<typeof declarationOf>>) {
  if (!d) return null;
  return {
    kind: d.kind,
    countedWithUserId: d.counted_with_user_id,
    countedWithEmail: d.counted_with_email,
    relationship: d.relationship,
    ownershipPercent: d.ownership_percent === null ? null : Number(d.ownership_percent),
    nonAccreditedOwners: d.non_accredited_owners,
    statement: d.statement,
    recordedBy: d.recorded_by,
    recordedRole: d.recorded_role,
    recordedAt: d.recorded_at.toISOString(),
  };
}

async function record(t: TenantTx, userId: string, input: PurchaserCountingInput, p: Principal, meta: RequestMeta) {
  let countedWith: string | null = null;
  if (input.kind !== 'formed_to_invest') {
    const other = await findUserIdByEmail(t, input.countedWithEmail.toLowerCase());
    if (!other) throw new ValidationError([{ field: 'countedWithEmail', message: 'is not a member of this platform' }]);
    if (other.id === userId) throw new ValidationError([{ field: 'countedWithEmail', message: 'must be another member, not the investor themselves' }]);
    const theirs = await declarationOf(t, other.id);
    if (theirs && theirs.kind !== 'formed_to_invest')
      throw new Conflict('counting_link_chain', 'That member already counts as one with another purchaser; link to that purchaser instead (17 CFR 230.501(e)(1))');
    if (await someoneCountsWith(t, userId))
      throw new Conflict('counting_link_chain', 'Others count as one with this investor, so this investor cannot count as one with somebody else; change their declarations first');
    countedWith = other.id;
  }
  await upsertDeclaration(t, {
    userId,
    kind: input.kind,
    countedWith,
    relationship: input.kind === 'household_member' ? input.relationship : null,
    ownershipPercent: input.kind === 'controlled_entity' ? input.ownershipPercent : null,
    nonAccreditedOwners: input.kind === 'formed_to_invest' ? input.nonAccreditedOwners : null,
    statement: input.statement,
    recordedBy: p.userId,
    recordedRole: p.role,
    at: new Date(),
  });
  await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.purchaser_counting_recorded', targetType: 'user', targetId: userId, metadata: { kind: input.kind, countedWith } }, meta);
  return { declaration: view(await declarationOf(t, userId)) };
}

/** GET /api/investor/compliance/purchaser-counting */
export const ownCountingDeclaration = (tenant: TenantContext, p: Principal) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => ({ declaration: view(await declarationOf(t, p.userId)) }));

/** PUT /api/investor/compliance/purchaser-counting: the investor's own declaration. */
export const recordOwnCountingDeclaration = (tenant: TenantContext, p: Principal, input: PurchaserCountingInput, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, (t) => record(t, p.userId, input, p, meta));

/** DELETE /api/investor/compliance/purchaser-counting: the investor counts alone again. */
export const removeOwnCountingDeclaration = (tenant: TenantContext, p: Principal, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const n = await deleteDeclaration(t, p.userId);
    if (n) await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.purchaser_counting_removed', targetType: 'user', targetId: p.userId }, meta);
    return { declaration: null };
  });

/** GET /api/compliance/investors/[id]/purchaser-counting */
export const investorCountingDeclaration = (tenant: TenantContext, p: Principal, userId: string) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (!(await memberById(t, userId))) throw new NotFound('Investor not found');
    return { declaration: view(await declarationOf(t, userId)) };
  });

/** PUT /api/compliance/investors/[id]/purchaser-counting: a compliance officer records an investor's declaration. */
export const recordInvestorCountingDeclaration = (tenant: TenantContext, p: Principal, userId: string, input: PurchaserCountingInput, meta: RequestMeta) =>
  withTenant(tenant.id, { userId: p.userId }, async (t) => {
    if (!(await memberById(t, userId))) throw new NotFound('Investor not found');
    return record(t, userId, input, p, meta);
  });
