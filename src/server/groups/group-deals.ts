import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { DealVisibility } from '../db/types';
import { convertAmounts } from '../deals/amounts';
import { findDeal, PUBLIC_STATUSES, type DealRow } from '../deals/repo';
import { forgetDealListings } from '../deals/listing-cache';
import { Conflict, NotFound, ValidationError } from '../errors';
import { fromMinorUnits } from '../money';
import { notify } from '../notifications/notify';
import { requireFeature } from '../tenancy/features';
import type { TenantContext } from '../tenancy/resolve';
import { requireMemberAccess, requireOwnGroup, runsGroup } from './access';
import { memberDealNotice, preCommittedDealOpenNotice } from './notices';
import { activeMemberEmails, findGroup } from './repo';
import { groupOfDeal, setDealAudience, takeUnnotifiedPreCommitters, upsertPreCommitment, withdrawPreCommitment } from './repo-deals';

// A deal's audience (public, verified investors, or the issuer's group), indications of
// interest before a member-only deal opens, and who hears first when it does.

/** Statuses in which members may indicate interest: the deal is announced but not open yet. */
export const UPCOMING_STATUSES = ['draft', 'pending_review'] as const;

/** The issuer sets who may see its deal; 'group' puts it in the issuer's own group. */
export async function setDealVisibility(tenant: TenantContext, p: Principal, dealId: string, visibility: DealVisibility, meta: RequestMeta) {
  // A member-only deal needs the groups feature; public and verified-only deals do not.
  if (visibility === 'group') requireFeature(tenant, 'investmentGroups');
  const result = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await findDeal(t, dealId);
    if (!deal || deal.issuer_user_id !== p.userId) throw new NotFound('Deal not found');
    const group = visibility === 'group' ? await requireOwnGroup(t, p) : null;
    const wasGroup = await groupOfDeal(t, deal.id);
    await setDealAudience(t, deal.id, visibility, group ? { id: group.id, by: p.userId } : null);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.visibility_changed', targetType: 'deal', targetId: deal.id, metadata: { from: deal.visibility, to: visibility, groupId: group?.id ?? null } }, meta);
    // Members hear of a live deal the moment it becomes theirs; an upcoming one when it opens.
    if (group && wasGroup !== group.id && PUBLIC_STATUSES.includes(deal.status)) await announceToMembers(t, deal, group.id);
    return { dealId: deal.id, visibility, groupId: group?.id ?? null };
  });
  forgetDealListings(tenant.id);
  return result;
}

async function announceToMembers(t: TenantTx, deal: Pick<DealRow, 'id' | 'slug' | 'title'>, groupId: string, except: Set<string> = new Set()) {
  const g = await findGroup(t, groupId);
  if (!g) return;
  const members = await activeMemberEmails(t, groupId);
  await notify(t, members.filter((m) => !except.has(m.user_id)).map((m) => memberDealNotice(m.user_id, g, deal)));
}

/**
 * Inside the transaction that opens a deal (deals/manage-deal.ts, on approval): those who
 * pre-committed are told first, then the rest of the group's members if the deal is theirs.
 */
export async function onDealOpened(t: TenantTx, deal: Pick<DealRow, 'id' | 'slug' | 'title' | 'visibility' | 'currency' | 'currency_decimals'>): Promise<void> {
  const preCommitters = await takeUnnotifiedPreCommitters(t, deal.id);
  await notify(t, preCommitters.map((pc) => preCommittedDealOpenNotice(pc.user_id, deal, `${fromMinorUnits(pc.amount, deal.currency_decimals)} ${deal.currency}`, { amountMinor: String(pc.amount), currency: deal.currency, decimals: deal.currency_decimals })));
  if (deal.visibility !== 'group') return;
  const groupId = await groupOfDeal(t, deal.id);
  if (groupId) await announceToMembers(t, deal, groupId, new Set(preCommitters.map((pc) => pc.user_id)));
}

async function requireUpcomingGroupDeal(t: TenantTx, p: Principal, groupIdOrSlug: string, dealId: string) {
  const g = await requireMemberAccess(t, p, groupIdOrSlug);
  if (runsGroup(p, g)) throw new Conflict('own_group', 'You run this group; members indicate interest, not the issuer');
  const deal = await findDeal(t, dealId);
  if (!deal || (await groupOfDeal(t, deal.id)) !== g.id) throw new NotFound('Deal not found');
  return { g, deal };
}

/** A member's indication of interest in an upcoming group deal (replaces their earlier one). */
export async function preCommit(tenant: TenantContext, p: Principal, groupIdOrSlug: string, dealId: string, amountText: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { g, deal } = await requireUpcomingGroupDeal(t, p, groupIdOrSlug, dealId);
    if (!(UPCOMING_STATUSES as readonly string[]).includes(deal.status)) throw new Conflict('deal_already_open', `This deal is ${deal.status}: invest in it instead of pre-committing`);
    const amount = convertAmounts({ amount: amountText }, deal.currency_decimals).amount!;
    if (amount < BigInt(deal.min_ticket)) throw new ValidationError([{ field: 'amount', message: `must be at least ${fromMinorUnits(deal.min_ticket, deal.currency_decimals)} ${deal.currency}, the deal's minimum investment` }]);
    if (amount > BigInt(deal.hard_cap)) throw new ValidationError([{ field: 'amount', message: `must be at most ${fromMinorUnits(deal.hard_cap, deal.currency_decimals)} ${deal.currency}, the deal's hard cap` }]);
    await upsertPreCommitment(t, { dealId: deal.id, userId: p.userId, groupId: g.id, amount });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.pre_committed', targetType: 'deal', targetId: deal.id, metadata: { groupId: g.id, amount: amount.toString() } }, meta);
    return { dealId: deal.id, amount: fromMinorUnits(amount, deal.currency_decimals), currency: deal.currency, status: 'indicated' as const };
  });
}

export async function withdrawGroupPreCommitment(tenant: TenantContext, p: Principal, groupIdOrSlug: string, dealId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { deal } = await requireUpcomingGroupDeal(t, p, groupIdOrSlug, dealId);
    if (!(await withdrawPreCommitment(t, deal.id, p.userId))) throw new NotFound('You have no pre-commitment in this deal', 'pre_commitment_not_found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.pre_commitment_withdrawn', targetType: 'deal', targetId: deal.id }, meta);
    return { success: true };
  });
}
