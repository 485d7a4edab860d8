import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { Forbidden, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { consume, type LimitSpec } from '../ratelimit/limiter';
import { requireFeature } from '../tenancy/features';
import type { TenantContext } from '../tenancy/resolve';
import { dealVisibilityFor, withFeed } from './access';
import { hydratePosts, viewerOf, type Viewer } from './hydrate';
import { blocks, deleteLike, feedPage, findPost, insertComment, insertLike, insertPost, listComments, postStats, type FeedSegment, type PostRow } from './repo';
import type { FeedQuery, PostInput } from './schema';
import { commentView, type PostView } from './views';

// Per member, across every instance (the shared limiter): a burst of posts or comments is refused
// with 429 and Retry-After, not queued.
export const POSTS_PER_MEMBER: LimitSpec = { name: 'feed-post', points: 10, durationSeconds: 10 * 60 };
export const COMMENTS_PER_MEMBER: LimitSpec = { name: 'feed-comment', points: 30, durationSeconds: 10 * 60 };

async function viewerFor(tenant: TenantContext, p: Principal): Promise<Viewer> {
  requireFeature(tenant, 'socialFeatures');
  return viewerOf(p, await dealVisibilityFor(tenant, p));
}

// A page may lose rows to the deal visibility rule; it reads on (a few batches at most) to fill up.
const MAX_BATCHES = 5;

type Position = { seg: 'f' | 'r' | 'a'; after: string | null };

function parseCursor(cursor: string | undefined, profile: boolean): Position {
  if (!cursor) return { seg: profile ? 'a' : 'f', after: null };
  const [seg, id] = cursor.split(':') as ['f' | 'r' | 'a', string];
  return { seg, after: id || null };
}

/** Newest first, the viewer's own and followed accounts' posts before everyone else's; keyset pages. */
async function pageOf(t: TenantTx, v: Viewer, start: Position, limit: number, authorId?: string): Promise<{ posts: PostView[]; nextCursor: string | null }> {
  const pos = { ...start };
  const shown: { view: PostView; key: string }[] = [];
  let exhausted = false;
  for (let batch = 0; batch < MAX_BATCHES && shown.length <= limit; batch++) {
    const segment: FeedSegment = pos.seg === 'a' ? { kind: 'author', authorId: authorId! } : { kind: pos.seg === 'f' ? 'followed' : 'rest' };
    const rows = await feedPage(t, { viewerId: v.p.userId, segment, after: pos.after, limit: limit + 1 });
    const views = await hydratePosts(t, v, rows);
    rows.forEach((r, i) => {
      pos.after = r.id;
      const view = views[i];
      if (view) shown.push({ view, key: `${pos.seg}:${r.id}` });
    });
    if (rows.length <= limit) {
      if (pos.seg !== 'f') {
        exhausted = true;
        break;
      }
      Object.assign(pos, { seg: 'r', after: null });
    }
  }
  if (shown.length > limit) return { posts: shown.slice(0, limit).map((s) => s.view), nextCursor: shown[limit - 1]!.key };
  return { posts: shown.map((s) => s.view), nextCursor: exhausted ? null : `${pos.seg}:${pos.after ?? ''}` };
}

export async function readFeed(tenant: TenantContext, p: Principal, q: FeedQuery) {
  if (q.cursor?.startsWith('a:')) q = { ...q, cursor: undefined };
  const v = await viewerFor(tenant, p);
  return withFeed(tenant, p, (t) => pageOf(t, v, parseCursor(q.cursor, false), q.limit));
}

/** A member's own posts (their profile), newest first. */
export async function postsOf(t: TenantTx, v: Viewer, authorId: string, q: FeedQuery) {
  const start = q.cursor?.startsWith('a:') ? parseCursor(q.cursor, true) : { seg: 'a' as const, after: null };
  return pageOf(t, v, start, q.limit, authorId);
}

/** The post if this viewer may see it (moderators see hidden and removed ones), else 404 as if it did not exist. */
async function requireVisiblePost(t: TenantTx, v: Viewer, id: string): Promise<{ row: PostRow; view: PostView }> {
  const row = await findPost(t, id);
  const seen = row && (row.status === 'visible' || row.author_id === v.p.userId || v.moderator) && (v.moderator || !(await blocks(t, v.p.userId, row.author_id)));
  const view = seen ? (await hydratePosts(t, v, [row]))[0] : null;
  if (!row || !view) throw new NotFound('Post not found', 'post_not_found');
  return { row, view };
}

/** What members may act on (like, comment, share, report): visible posts only. */
async function requireOpenPost(t: TenantTx, v: Viewer, id: string): Promise<{ row: PostRow; view: PostView }> {
  const found = await requireVisiblePost(t, v, id);
  if (found.row.status !== 'visible') throw new NotFound('Post not found', 'post_not_found');
  return found;
}

async function refuseIfBlockedBy(t: TenantTx, authorId: string, p: Principal, what: string) {
  if (await blocks(t, authorId, p.userId)) throw new Forbidden(`This member has blocked you: you cannot ${what}`, 'blocked');
}

export async function getPost(tenant: TenantContext, p: Principal, id: string) {
  const v = await viewerFor(tenant, p);
  return withFeed(tenant, p, async (t) => {
    const { view } = await requireVisiblePost(t, v, id);
    const comments = await listComments(t, id, p.userId, v.moderator);
    return { post: view, comments: comments.map((c) => commentView(c, { id: p.userId, moderator: v.moderator })) };
  });
}

async function viewOf(t: TenantTx, v: Viewer, id: string): Promise<PostView> {
  return (await requireVisiblePost(t, v, id)).view;
}

export async function createPost(tenant: TenantContext, p: Principal, input: PostInput) {
  const v = await viewerFor(tenant, p);
  await consume(POSTS_PER_MEMBER, `${tenant.id}:${p.userId}`);
  return withFeed(tenant, p, async (t) => {
    if (input.dealId && !(await v.dealOf(t, input.dealId))) throw new NotFound('Deal not found', 'deal_not_found');
    const id = uuidv7();
    await insertPost(t, { id, author_id: p.userId, kind: 'post', body: input.body, deal_id: input.dealId ?? null });
    return viewOf(t, v, id);
  });
}

/** A repost: sharing a share shares its original. */
export async function sharePost(tenant: TenantContext, p: Principal, postId: string, input: { body: string }) {
  const v = await viewerFor(tenant, p);
  await consume(POSTS_PER_MEMBER, `${tenant.id}:${p.userId}`);
  return withFeed(tenant, p, async (t) => {
    let { row } = await requireOpenPost(t, v, postId);
    if (row.kind === 'share') row = (await requireOpenPost(t, v, row.shared_post_id!)).row;
    await refuseIfBlockedBy(t, row.author_id, p, 'share their posts');
    const id = uuidv7();
    await insertPost(t, { id, author_id: p.userId, kind: 'share', body: input.body, shared_post_id: row.id });
    return viewOf(t, v, id);
  });
}

export async function commentOnPost(tenant: TenantContext, p: Principal, postId: string, input: { body: string }) {
  const v = await viewerFor(tenant, p);
  await consume(COMMENTS_PER_MEMBER, `${tenant.id}:${p.userId}`);
  return withFeed(tenant, p, async (t) => {
    const { row } = await requireOpenPost(t, v, postId);
    await refuseIfBlockedBy(t, row.author_id, p, 'comment on their posts');
    const id = uuidv7();
    await insertComment(t, { id, post_id: row.id, author_id: p.userId, body: input.body });
    const comments = await listComments(t, row.id, p.userId, v.moderator);
    return commentView(comments.find((c) => c.id === id)!, { id: p.userId, moderator: v.moderator });
  });
}

/** Idempotent both ways: liking twice is one like, unliking what was not liked changes nothing. */
export async function setLike(tenant: TenantContext, p: Principal, postId: string, liked: boolean) {
  const v = await viewerFor(tenant, p);
  return withFeed(tenant, p, async (t) => {
    const { row } = await requireOpenPost(t, v, postId);
    if (liked) await insertLike(t, row.id, p.userId);
    else await deleteLike(t, row.id, p.userId);
    const s = (await postStats(t, [row.id], p.userId)).get(row.id)!;
    return { postId: row.id, liked: s.liked, likes: s.likes };
  });
}

export { requireOpenPost };
