import { sql, type Kysely, type Updateable } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { DealCommentsTable, DealGroupsTable, DealMediaTable, DealStatus } from '../db/types';
import { reservedAmountOf } from '../deals/repo';

// ---------------------------------------------------------------- FAQs, key terms, required documents

export type ItemTable = 'deal_faqs' | 'deal_key_terms' | 'deal_required_documents';
type ItemRow = { tenant_id: string; id: string; deal_id: string } & Record<string, unknown>;
// The three tables share their keys and differ only in plain columns, whose names the
// zod schemas fix (question/answer/position, label/value/position, name/description/required).
const items = (t: TenantTx) => t.tx as unknown as Kysely<Record<ItemTable, ItemRow>>;

export async function listItems(t: TenantTx, table: ItemTable, dealId: string, ordered: boolean) {
  return items(t)
    .selectFrom(table)
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .$if(ordered, (q) => q.orderBy(sql.ref('position')))
    .orderBy('id')
    .execute();
}

export async function insertItem(t: TenantTx, table: ItemTable, row: { id: string; deal_id: string } & Record<string, unknown>) {
  return items(t).insertInto(table).values({ ...row, tenant_id: t.tenantId }).returningAll().executeTakeFirstOrThrow();
}

export async function updateItem(t: TenantTx, table: ItemTable, dealId: string, id: string, patch: Record<string, unknown>) {
  return items(t).updateTable(table).set(patch).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteItem(t: TenantTx, table: ItemTable, dealId: string, id: string): Promise<boolean> {
  const r = await items(t).deleteFrom(table).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------- media

export async function listMedia(t: TenantTx, dealId: string) {
  return t.tx.selectFrom('deal_media').selectAll().where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).orderBy('position').orderBy('created_at').execute();
}
export type MediaRow = Awaited<ReturnType<typeof listMedia>>[number];

export async function insertMedia(t: TenantTx, row: { id: string; deal_id: string; kind: 'image' | 'video'; cid: string; mime: string; caption: string | null; position: number }) {
  return t.tx.insertInto('deal_media').values({ ...row, tenant_id: t.tenantId }).returningAll().executeTakeFirstOrThrow();
}

export async function updateMedia(t: TenantTx, dealId: string, id: string, patch: Pick<Updateable<DealMediaTable>, 'caption' | 'position'>) {
  return t.tx.updateTable('deal_media').set(patch).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteMedia(t: TenantTx, dealId: string, id: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('deal_media').where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The deals showing a file as media (a CID may be shared: same bytes, same CID). */
export async function mediaByCid(t: TenantTx, cid: string) {
  return t.tx.selectFrom('deal_media').select(['deal_id', 'mime', 'kind']).where('tenant_id', '=', t.tenantId).where('cid', '=', cid).execute();
}

// ---------------------------------------------------------------- updates

export async function listUpdates(t: TenantTx, dealId: string) {
  return t.tx.selectFrom('deal_updates').selectAll().where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}
export type UpdateRow = Awaited<ReturnType<typeof listUpdates>>[number];

export async function insertUpdate(t: TenantTx, row: { id: string; deal_id: string; author_id: string; title: string; body: string }) {
  return t.tx.insertInto('deal_updates').values({ ...row, tenant_id: t.tenantId }).returningAll().executeTakeFirstOrThrow();
}

export async function updateUpdate(t: TenantTx, dealId: string, id: string, patch: { title?: string; body?: string }) {
  return t.tx.updateTable('deal_updates').set(patch).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).returningAll().executeTakeFirst();
}

// ---------------------------------------------------------------- reviews

/** Investment statuses that make someone an investor of the deal (live or confirmed money). */
const INVESTED = ['pending_payment', 'in_escrow', 'confirmed'] as const;

export async function hasInvested(t: TenantTx, dealId: string, userId: string): Promise<boolean> {
  const r = await t.tx
    .selectFrom('investments')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', userId)
    .where('status', 'in', INVESTED)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

const reviewColumns = ['r.id', 'r.investor_id', 'r.rating', 'r.body', 'r.created_at', 'r.updated_at', 'u.first_name', 'u.last_name'] as const;

function reviewQuery(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_reviews as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.investor_id'))
    .select(reviewColumns)
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.deal_id', '=', dealId);
}

export async function listReviews(t: TenantTx, dealId: string) {
  return reviewQuery(t, dealId).orderBy('r.created_at', 'desc').limit(500).execute();
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];

export async function findReviewOf(t: TenantTx, dealId: string, investorId: string) {
  return reviewQuery(t, dealId).where('r.investor_id', '=', investorId).executeTakeFirst();
}

export async function reviewStats(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_reviews')
    .select([sql<string>`count(*)`.as('count'), sql<string | null>`round(avg(rating), 2)`.as('average')])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .executeTakeFirstOrThrow();
}

/** false when this investor has reviewed the deal already (the unique key decides, race-free). */
export async function insertReview(t: TenantTx, row: { id: string; deal_id: string; investor_id: string; rating: number; body: string }): Promise<boolean> {
  const r = await t.tx
    .insertInto('deal_reviews')
    .values({ ...row, tenant_id: t.tenantId })
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id', 'investor_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function updateReview(t: TenantTx, dealId: string, investorId: string, patch: { rating: number; body: string }): Promise<boolean> {
  const r = await t.tx
    .updateTable('deal_reviews')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', investorId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteReviewOf(t: TenantTx, dealId: string, investorId: string): Promise<string | null> {
  const r = await t.tx
    .deleteFrom('deal_reviews')
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', investorId)
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

// ---------------------------------------------------------------- comments

export async function listComments(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_comments as c')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.author_id'))
    .select(['c.id', 'c.parent_id', 'c.author_id', 'c.body', 'c.is_issuer_reply', 'c.created_at', 'c.deleted_at', 'u.first_name', 'u.last_name'])
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.deal_id', '=', dealId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(2000)
    .execute();
}
export type CommentRow = Awaited<ReturnType<typeof listComments>>[number];

export async function findComment(t: TenantTx, dealId: string, id: string) {
  return t.tx.selectFrom('deal_comments').selectAll().where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).executeTakeFirst();
}

export async function insertComment(t: TenantTx, row: { id: string; deal_id: string; author_id: string; parent_id: string | null; body: string; is_issuer_reply: boolean }) {
  await t.tx.insertInto('deal_comments').values({ ...row, tenant_id: t.tenantId }).execute();
}

export async function markCommentDeleted(t: TenantTx, dealId: string, id: string, patch: Pick<Updateable<DealCommentsTable>, 'deleted_at'>): Promise<void> {
  await t.tx.updateTable('deal_comments').set(patch).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

// ---------------------------------------------------------------- deal groups

export async function listGroups(t: TenantTx) {
  return t.tx.selectFrom('deal_groups').selectAll().where('tenant_id', '=', t.tenantId).orderBy('created_at', 'desc').limit(200).execute();
}
export type GroupRow = Awaited<ReturnType<typeof listGroups>>[number];

export async function findGroup(t: TenantTx, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  return t.tx.selectFrom('deal_groups').selectAll().where('tenant_id', '=', t.tenantId).where(isUuid ? 'id' : 'slug', '=', idOrSlug).executeTakeFirst();
}

/** false when the slug is taken in this tenant. */
export async function insertGroup(t: TenantTx, row: { id: string; slug: string; name: string; description: string; created_by: string }): Promise<boolean> {
  const r = await t.tx
    .insertInto('deal_groups')
    .values({ ...row, tenant_id: t.tenantId })
    .onConflict((oc) => oc.columns(['tenant_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function slugTaken(t: TenantTx, slug: string, exceptId: string): Promise<boolean> {
  return !!(await t.tx.selectFrom('deal_groups').select('id').where('tenant_id', '=', t.tenantId).where('slug', '=', slug).where('id', '!=', exceptId).executeTakeFirst());
}

export async function updateGroup(t: TenantTx, id: string, patch: Pick<Updateable<DealGroupsTable>, 'name' | 'slug' | 'description'>): Promise<void> {
  await t.tx.updateTable('deal_groups').set(patch).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function deleteGroup(t: TenantTx, id: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('deal_groups').where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function upsertGroupDeal(t: TenantTx, groupId: string, dealId: string, position: number): Promise<void> {
  await t.tx
    .insertInto('deal_group_deals')
    .values({ tenant_id: t.tenantId, group_id: groupId, deal_id: dealId, position })
    .onConflict((oc) => oc.columns(['tenant_id', 'group_id', 'deal_id']).doUpdateSet({ position }))
    .execute();
}

export async function deleteGroupDeal(t: TenantTx, groupId: string, dealId: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('deal_group_deals').where('tenant_id', '=', t.tenantId).where('group_id', '=', groupId).where('deal_id', '=', dealId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * The deals of some groups in the given statuses, with the columns dealSummaryView reads,
 * in each group's order.
 */
export async function groupDeals(t: TenantTx, groupIds: string[], statuses: DealStatus[]) {
  if (groupIds.length === 0 || statuses.length === 0) return [];
  return t.tx
    .selectFrom('deal_group_deals as g')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'g.tenant_id').onRef('d.id', '=', 'g.deal_id'))
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
    .select([
      'g.group_id',
      'd.id', 'd.slug', 'd.title', 'd.summary', 'd.asset_type', 'd.status', 'd.currency', 'd.currency_decimals', 'd.target_amount', 'd.soft_cap', 'd.hard_cap',
      'd.min_ticket', 'd.max_ticket', 'd.valuation', 'd.starts_at', 'd.ends_at', 'd.featured', 'd.confirmed_amount', reservedAmountOf('d').as('reserved_amount'), 'd.investor_count',
      'd.issuer_id', 'd.created_at', 'p.display_name as issuer_name',
    ])
    .where('g.tenant_id', '=', t.tenantId)
    .where('g.group_id', 'in', groupIds)
    .where('d.status', 'in', statuses)
    .orderBy('g.position')
    .orderBy('d.created_at', 'desc')
    .execute();
}
