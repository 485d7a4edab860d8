import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { requireVisibleDeal } from '../deals/browse';
import { PUBLIC_STATUSES } from '../deals/repo';
import { dealSummaryView } from '../deals/view';
import { Conflict, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { deleteGroup, deleteGroupDeal, findGroup, groupDeals, insertGroup, listGroups, slugTaken, updateGroup, upsertGroupDeal, type GroupRow } from './repo';

async function groupViews(t: TenantTx, groups: GroupRow[]) {
  const deals = await groupDeals(t, groups.map((g) => g.id), PUBLIC_STATUSES);
  return groups.map((g) => ({
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    createdAt: g.created_at.toISOString(),
    deals: deals.filter((d) => d.group_id === g.id).map(dealSummaryView),
  }));
}

async function requireGroup(t: TenantTx, idOrSlug: string): Promise<GroupRow> {
  const g = await findGroup(t, idOrSlug);
  if (!g) throw new NotFound('Deal group not found');
  return g;
}

/** Campaigns with their published deals, for everyone on the tenant. */
export function listDealGroups(tenant: TenantContext, p: Principal | null) {
  return withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => ({ groups: await groupViews(t, await listGroups(t)) }));
}

export function getDealGroup(tenant: TenantContext, p: Principal | null, idOrSlug: string) {
  return withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => (await groupViews(t, [await requireGroup(t, idOrSlug)]))[0]);
}

export function createDealGroup(tenant: TenantContext, admin: Principal, input: { name: string; slug: string; description: string }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const id = uuidv7();
    if (!(await insertGroup(t, { id, ...input, created_by: admin.userId }))) throw new Conflict('slug_taken', `The slug "${input.slug}" is already used by another group`);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'deal_group.created', targetType: 'deal_group', targetId: id, metadata: { slug: input.slug } }, meta);
    return (await groupViews(t, [await requireGroup(t, id)]))[0];
  });
}

export function changeDealGroup(tenant: TenantContext, admin: Principal, groupId: string, patch: { name?: string; slug?: string; description?: string }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const g = await requireGroup(t, groupId);
    if (patch.slug && (await slugTaken(t, patch.slug, g.id))) throw new Conflict('slug_taken', `The slug "${patch.slug}" is already used by another group`);
    await updateGroup(t, g.id, patch);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'deal_group.changed', targetType: 'deal_group', targetId: g.id, metadata: { fields: Object.keys(patch) } }, meta);
    return (await groupViews(t, [await requireGroup(t, g.id)]))[0];
  });
}

export function removeDealGroup(tenant: TenantContext, admin: Principal, groupId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await deleteGroup(t, groupId))) throw new NotFound('Deal group not found');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'deal_group.removed', targetType: 'deal_group', targetId: groupId }, meta);
  });
}

/** Adds a deal of this tenant (any status; only published ones are listed) or moves it to a new position. */
export function addDealToGroup(tenant: TenantContext, admin: Principal, groupId: string, input: { dealId: string; position?: number }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const g = await requireGroup(t, groupId);
    const deal = await requireVisibleDeal(t, admin, input.dealId);
    await upsertGroupDeal(t, g.id, deal.id, input.position ?? 0);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'deal_group.deal_added', targetType: 'deal_group', targetId: g.id, metadata: { dealId: deal.id } }, meta);
    return (await groupViews(t, [g]))[0];
  });
}

export function removeDealFromGroup(tenant: TenantContext, admin: Principal, groupId: string, dealId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const g = await requireGroup(t, groupId);
    if (!(await deleteGroupDeal(t, g.id, dealId))) throw new NotFound('The deal is not in this group');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'deal_group.deal_removed', targetType: 'deal_group', targetId: g.id, metadata: { dealId } }, meta);
  });
}
