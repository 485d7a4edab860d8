// Reports and the moderators' decisions (tenant admins and compliance officers). A hidden post or
// comment is shown to its author with the reason; a removed one loses its text for everyone but
// the moderators. Every decision is audited with its reason.
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { notify } from '../notifications/notify';
import type { TenantTx } from '../db/tenant';
import type { TenantContext } from '../tenancy/resolve';
import { dealVisibilityFor, withFeed } from './access';
import { hydratePosts, viewerOf } from './hydrate';
import { requireOpenPost } from './posts';
import { findComment, findPost, findPosts, insertReport, openReports, resolveReports, setCommentModeration, setPostModeration } from './repo';
import type { CommentModerationInput, PostModerationInput } from './schema';
import { authorName, commentView } from './views';

/** Any member reports a post they can see, once; a second report by them answers the first. */
export async function reportPost(tenant: TenantContext, p: Principal, postId: string, input: { reason: string }, meta: RequestMeta) {
  const v = viewerOf(p, await dealVisibilityFor(tenant, p));
  return withFeed(tenant, p, async (t) => {
    const { row } = await requireOpenPost(t, v, postId);
    const created = await insertReport(t, { id: uuidv7(), post_id: row.id, reporter_id: p.userId, reason: input.reason });
    if (created) await audit(t, { actorId: p.userId, actorRole: p.role, action: 'feed.post_reported', targetType: 'feed_post', targetId: row.id, metadata: { reason: input.reason } }, meta);
    return { postId: row.id, reported: true, alreadyReported: !created };
  });
}

/** Posts with open reports, the longest-waiting report first, each with every open report. */
export async function reportQueue(tenant: TenantContext, p: Principal) {
  const v = viewerOf(p, await dealVisibilityFor(tenant, p));
  return withFeed(tenant, p, async (t) => {
    const reports = await openReports(t, 500);
    const postIds = [...new Set(reports.map((r) => r.post_id))];
    const rows = new Map((await findPosts(t, postIds)).map((r) => [r.id, r]));
    const ordered = postIds.map((id) => rows.get(id)!).filter(Boolean);
    const views = await hydratePosts(t, v, ordered);
    return {
      items: ordered.map((row, i) => ({
        post: views[i]!,
        reports: reports.filter((r) => r.post_id === row.id).map((r) => ({ id: r.id, reporter: { id: r.reporter_id, name: authorName(r) }, reason: r.reason, createdAt: r.created_at.toISOString() })),
      })),
    };
  });
}

const POST_ACTIONS = { hide: 'feed.post_hidden', remove: 'feed.post_removed', restore: 'feed.post_restored', dismiss: 'feed.reports_dismissed' } as const;

export async function moderatePost(tenant: TenantContext, p: Principal, postId: string, input: PostModerationInput, meta: RequestMeta) {
  const v = viewerOf(p, await dealVisibilityFor(tenant, p));
  return withFeed(tenant, p, async (t) => {
    const row = await findPost(t, postId);
    if (!row) throw new NotFound('Post not found', 'post_not_found');
    const reason = 'reason' in input ? input.reason : null;
    let resolved = 0;
    if (input.action === 'dismiss') resolved = await resolveReports(t, row.id, 'dismissed', p.userId);
    else {
      await setPostModeration(t, row.id, { status: input.action === 'restore' ? 'visible' : input.action === 'hide' ? 'hidden' : 'removed', reason, by: p.userId });
      if (input.action !== 'restore') resolved = await resolveReports(t, row.id, 'actioned', p.userId);
    }
    await audit(t, { actorId: p.userId, actorRole: p.role, action: POST_ACTIONS[input.action], targetType: 'feed_post', targetId: row.id, metadata: { authorId: row.author_id, reason, previousStatus: row.status, reportsResolved: resolved } }, meta);
    if ((input.action === 'hide' || input.action === 'remove') && reason) await tellAuthor(t, p, { kind: 'post', authorId: row.author_id, postId: row.id, action: input.action, reason });
    const [view] = await hydratePosts(t, v, [(await findPost(t, row.id))!]);
    return { post: view!, reportsResolved: resolved };
  });
}

const COMMENT_ACTIONS = { hide: 'feed.comment_hidden', remove: 'feed.comment_removed', restore: 'feed.comment_restored' } as const;

export function moderateComment(tenant: TenantContext, p: Principal, commentId: string, input: CommentModerationInput, meta: RequestMeta) {
  return withFeed(tenant, p, async (t) => {
    const c = await findComment(t, commentId);
    if (!c) throw new NotFound('Comment not found', 'comment_not_found');
    const reason = 'reason' in input ? input.reason : null;
    await setCommentModeration(t, c.id, { status: input.action === 'restore' ? 'visible' : input.action === 'hide' ? 'hidden' : 'removed', reason, by: p.userId });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: COMMENT_ACTIONS[input.action], targetType: 'feed_comment', targetId: c.id, metadata: { postId: c.post_id, authorId: c.author_id, reason, previousStatus: c.status } }, meta);
    if ((input.action === 'hide' || input.action === 'remove') && reason) await tellAuthor(t, p, { kind: 'comment', authorId: c.author_id, postId: c.post_id, action: input.action, reason });
    return commentView((await findComment(t, c.id))!, { id: p.userId, moderator: true });
  });
}

/** The author hears that a moderator hid or removed their post or comment, and why (not when they moderated it themselves). */
async function tellAuthor(t: TenantTx, p: Principal, m: { kind: 'post' | 'comment'; authorId: string; postId: string; action: 'hide' | 'remove'; reason: string }) {
  if (m.authorId === p.userId) return;
  const outcome = m.action === 'hide' ? 'hidden' : 'removed';
  await notify(t, {
    type: 'feed.moderated',
    userId: m.authorId,
    title: `A moderator ${m.action === 'hide' ? 'hid' : 'removed'} your ${m.kind}`,
    body: `The reason given: ${m.reason}`,
    link: `/feed/posts/${m.postId}`,
    // Each decision is its own event: hiding, restoring and hiding again tells the author twice.
    dedupeKey: `feed.moderated:${uuidv7()}`,
    data: { kind: m.kind, outcome, reason: m.reason, postId: m.postId },
  });
}
