import { sql, type ExpressionBuilder } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Database, FeedPostKind, ModerationStatus } from '../db/types';

// ---------------------------------------------------------------- posts and the feed

const postColumns = [
  'p.id',
  'p.author_id',
  'p.kind',
  'p.title',
  'p.body',
  'p.deal_id',
  'p.shared_post_id',
  'p.status',
  'p.moderation_reason',
  'p.moderated_at',
  'p.created_at',
  'u.first_name',
  'u.last_name',
] as const;

function posts(t: TenantTx) {
  return t.tx
    .selectFrom('user_feed_posts as p')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.author_id'))
    .select(postColumns)
    .where('p.tenant_id', '=', t.tenantId);
}
export type PostRow = Awaited<ReturnType<ReturnType<typeof posts>['execute']>>[number];

export async function insertPost(t: TenantTx, row: { id: string; author_id: string; kind: FeedPostKind; body: string; title?: string | null; deal_id?: string | null; shared_post_id?: string | null; deal_update_id?: string | null }) {
  await t.tx.insertInto('user_feed_posts').values({ ...row, tenant_id: t.tenantId }).execute();
}

export async function findPost(t: TenantTx, id: string): Promise<PostRow | undefined> {
  return posts(t).where('p.id', '=', id).executeTakeFirst();
}

export async function findPosts(t: TenantTx, ids: string[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  return posts(t).where('p.id', 'in', ids).execute();
}

/** Which part of the feed a page reads: the viewer and the accounts they follow, everyone else, or one author. */
export type FeedSegment = { kind: 'followed' } | { kind: 'rest' } | { kind: 'author'; authorId: string };

const followedBy = (eb: ExpressionBuilder<Database & { p: Database['user_feed_posts'] }, 'p'>, t: TenantTx, viewerId: string) =>
  eb.selectFrom('user_follows as f').select('f.followee_id').where('f.tenant_id', '=', t.tenantId).where('f.follower_id', '=', viewerId);

/**
 * One keyset page, newest first: posts the viewer may see (visible ones, and their own whatever
 * their state), none by an author the viewer blocked, strictly after the `after` post.
 */
export async function feedPage(t: TenantTx, opts: { viewerId: string; segment: FeedSegment; after: string | null; limit: number }): Promise<PostRow[]> {
  const { viewerId, segment } = opts;
  let q = posts(t)
    .where((eb) => eb.or([eb('p.status', '=', 'visible'), eb('p.author_id', '=', viewerId)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('user_blocks as b').select('b.blocked_id').where('b.tenant_id', '=', t.tenantId).where('b.blocker_id', '=', viewerId).whereRef('b.blocked_id', '=', 'p.author_id'))),
    );
  if (segment.kind === 'followed') q = q.where((eb) => eb.or([eb('p.author_id', '=', viewerId), eb('p.author_id', 'in', followedBy(eb, t, viewerId))]));
  else if (segment.kind === 'rest') q = q.where('p.author_id', '<>', viewerId).where((eb) => eb('p.author_id', 'not in', followedBy(eb, t, viewerId)));
  else q = q.where('p.author_id', '=', segment.authorId);
  // Row comparison against the cursor post's own (created_at, id): exact to the microsecond.
  if (opts.after) q = q.where(sql<boolean>`(p.created_at, p.id) < (select c.created_at, c.id from user_feed_posts c where c.tenant_id = ${t.tenantId} and c.id = ${opts.after})`);
  return q.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc').limit(opts.limit).execute();
}

export type PostStats = { post_id: string; likes: number; comments: number; shares: number; liked: boolean };

/** Likes, visible comments and shares of each post, and whether the viewer liked it: one statement for a page. */
export async function postStats(t: TenantTx, ids: string[], viewerId: string): Promise<Map<string, PostStats>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ post_id: string; likes: string; comments: string; shares: string; liked: boolean }>`
    select x.id as post_id,
      (select count(*) from post_engagements e where e.tenant_id = ${t.tenantId} and e.post_id = x.id and e.kind = 'like') as likes,
      (select count(*) from post_comments c where c.tenant_id = ${t.tenantId} and c.post_id = x.id and c.status = 'visible') as comments,
      (select count(*) from user_feed_posts s where s.tenant_id = ${t.tenantId} and s.shared_post_id = x.id and s.status = 'visible') as shares,
      exists (select 1 from post_engagements e where e.tenant_id = ${t.tenantId} and e.post_id = x.id and e.user_id = ${viewerId} and e.kind = 'like') as liked
    from unnest(${ids}::uuid[]) as x(id)`.execute(t.tx);
  return new Map(rows.rows.map((r) => [r.post_id, { post_id: r.post_id, likes: Number(r.likes), comments: Number(r.comments), shares: Number(r.shares), liked: r.liked }]));
}

export async function setPostModeration(t: TenantTx, id: string, m: { status: ModerationStatus; reason: string | null; by: string }) {
  await t.tx
    .updateTable('user_feed_posts')
    .set({ status: m.status, moderation_reason: m.reason, moderated_by: m.by, moderated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- deal updates as posts

export async function findDealUpdatePost(t: TenantTx, dealUpdateId: string) {
  return t.tx.selectFrom('user_feed_posts').select(['id']).where('tenant_id', '=', t.tenantId).where('deal_update_id', '=', dealUpdateId).executeTakeFirst();
}

export async function reviseDealUpdatePost(t: TenantTx, dealUpdateId: string, patch: { title?: string; body?: string }) {
  await t.tx.updateTable('user_feed_posts').set(patch).where('tenant_id', '=', t.tenantId).where('deal_update_id', '=', dealUpdateId).execute();
}

// ---------------------------------------------------------------- comments

const commentColumns = ['c.id', 'c.post_id', 'c.author_id', 'c.body', 'c.status', 'c.moderation_reason', 'c.created_at', 'u.first_name', 'u.last_name'] as const;

function comments(t: TenantTx) {
  return t.tx
    .selectFrom('post_comments as c')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.author_id'))
    .select(commentColumns)
    .where('c.tenant_id', '=', t.tenantId);
}
export type CommentRow = Awaited<ReturnType<ReturnType<typeof comments>['execute']>>[number];

/** Oldest first: visible ones and the viewer's own, none by an author the viewer blocked. */
export async function listComments(t: TenantTx, postId: string, viewerId: string, staff: boolean): Promise<CommentRow[]> {
  return comments(t)
    .where('c.post_id', '=', postId)
    .$if(!staff, (q) => q.where((eb) => eb.or([eb('c.status', '=', 'visible'), eb('c.author_id', '=', viewerId)])))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('user_blocks as b').select('b.blocked_id').where('b.tenant_id', '=', t.tenantId).where('b.blocker_id', '=', viewerId).whereRef('b.blocked_id', '=', 'c.author_id'))),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(500)
    .execute();
}

export async function findComment(t: TenantTx, id: string): Promise<CommentRow | undefined> {
  return comments(t).where('c.id', '=', id).executeTakeFirst();
}

export async function insertComment(t: TenantTx, row: { id: string; post_id: string; author_id: string; body: string }) {
  await t.tx.insertInto('post_comments').values({ ...row, tenant_id: t.tenantId }).execute();
}

export async function setCommentModeration(t: TenantTx, id: string, m: { status: ModerationStatus; reason: string | null; by: string }) {
  await t.tx
    .updateTable('post_comments')
    .set({ status: m.status, moderation_reason: m.reason, moderated_by: m.by, moderated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- likes

/** false when the like was there already (the primary key decides, race-free). */
export async function insertLike(t: TenantTx, postId: string, userId: string): Promise<boolean> {
  const r = await t.tx
    .insertInto('post_engagements')
    .values({ tenant_id: t.tenantId, post_id: postId, user_id: userId, kind: 'like' })
    .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'user_id', 'kind']).doNothing())
    .returning('tenant_id')
    .executeTakeFirst();
  return !!r;
}

export async function deleteLike(t: TenantTx, postId: string, userId: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('post_engagements').where('tenant_id', '=', t.tenantId).where('post_id', '=', postId).where('user_id', '=', userId).where('kind', '=', 'like').executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------- members, follows and blocks

export async function findMember(t: TenantTx, id: string) {
  return t.tx
    .selectFrom('users as u')
    .select(['u.id', 'u.first_name', 'u.last_name', 'u.status', sql<string[]>`array(select r.role from tenant_user_roles r where r.tenant_id = u.tenant_id and r.user_id = u.id order by r.role)`.as('roles')])
    .where('u.tenant_id', '=', t.tenantId)
    .where('u.id', '=', id)
    .executeTakeFirst();
}
export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export async function insertFollow(t: TenantTx, followerId: string, followeeId: string): Promise<boolean> {
  const r = await t.tx
    .insertInto('user_follows')
    .values({ tenant_id: t.tenantId, follower_id: followerId, followee_id: followeeId })
    .onConflict((oc) => oc.columns(['tenant_id', 'follower_id', 'followee_id']).doNothing())
    .returning('tenant_id')
    .executeTakeFirst();
  return !!r;
}

export async function deleteFollow(t: TenantTx, followerId: string, followeeId: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('user_follows').where('tenant_id', '=', t.tenantId).where('follower_id', '=', followerId).where('followee_id', '=', followeeId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The relation between the viewer and another member, in one statement. */
export async function relationOf(t: TenantTx, viewerId: string, otherId: string) {
  const r = await sql<{ following: boolean; followed_by: boolean; blocked: boolean; blocked_by: boolean; followers: string; following_count: string }>`
    select
      exists (select 1 from user_follows where tenant_id = ${t.tenantId} and follower_id = ${viewerId} and followee_id = ${otherId}) as following,
      exists (select 1 from user_follows where tenant_id = ${t.tenantId} and follower_id = ${otherId} and followee_id = ${viewerId}) as followed_by,
      exists (select 1 from user_blocks where tenant_id = ${t.tenantId} and blocker_id = ${viewerId} and blocked_id = ${otherId}) as blocked,
      exists (select 1 from user_blocks where tenant_id = ${t.tenantId} and blocker_id = ${otherId} and blocked_id = ${viewerId}) as blocked_by,
      (select count(*) from user_follows where tenant_id = ${t.tenantId} and followee_id = ${otherId}) as followers,
      (select count(*) from user_follows where tenant_id = ${t.tenantId} and follower_id = ${otherId}) as following_count`.execute(t.tx);
  const x = r.rows[0]!;
  return { following: x.following, followedBy: x.followed_by, blocked: x.blocked, blockedBy: x.blocked_by, followers: Number(x.followers), followingCount: Number(x.following_count) };
}

/** Does `blockerId` block `blockedId`? */
export async function blocks(t: TenantTx, blockerId: string, blockedId: string): Promise<boolean> {
  const r = await t.tx.selectFrom('user_blocks').select('blocked_id').where('tenant_id', '=', t.tenantId).where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).executeTakeFirst();
  return !!r;
}

export async function insertBlock(t: TenantTx, blockerId: string, blockedId: string): Promise<boolean> {
  const r = await t.tx
    .insertInto('user_blocks')
    .values({ tenant_id: t.tenantId, blocker_id: blockerId, blocked_id: blockedId })
    .onConflict((oc) => oc.columns(['tenant_id', 'blocker_id', 'blocked_id']).doNothing())
    .returning('tenant_id')
    .executeTakeFirst();
  return !!r;
}

export async function deleteBlock(t: TenantTx, blockerId: string, blockedId: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('user_blocks').where('tenant_id', '=', t.tenantId).where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A block ends following both ways. */
export async function deleteFollowsBetween(t: TenantTx, a: string, b: string) {
  await t.tx
    .deleteFrom('user_follows')
    .where('tenant_id', '=', t.tenantId)
    .where((eb) => eb.or([eb.and([eb('follower_id', '=', a), eb('followee_id', '=', b)]), eb.and([eb('follower_id', '=', b), eb('followee_id', '=', a)])]))
    .execute();
}

// ---------------------------------------------------------------- reports

/** false when this member has reported the post already (the unique key decides). */
export async function insertReport(t: TenantTx, row: { id: string; post_id: string; reporter_id: string; reason: string }): Promise<boolean> {
  const r = await t.tx
    .insertInto('post_reports')
    .values({ ...row, tenant_id: t.tenantId })
    .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'reporter_id']).doNothing())
    .returning('tenant_id')
    .executeTakeFirst();
  return !!r;
}

/** Posts with open reports, the longest-waiting first, each with its reports. */
export async function openReports(t: TenantTx, limit: number) {
  return t.tx
    .selectFrom('post_reports as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.reporter_id'))
    .select(['r.id', 'r.post_id', 'r.reporter_id', 'r.reason', 'r.created_at', 'u.first_name', 'u.last_name'])
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.status', '=', 'open')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Closes every open report of the post; answers how many. */
export async function resolveReports(t: TenantTx, postId: string, status: 'actioned' | 'dismissed', by: string): Promise<number> {
  const r = await t.tx
    .updateTable('post_reports')
    .set({ status, resolved_by: by, resolved_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('post_id', '=', postId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
