// JSON shapes of the feed API. Authors are named as deal comments name them ("Ada L."); a
// moderator's decision is shown to the post's author (and moderators) with its reason.
import type { LinkedDeal } from './access';
import type { CommentRow, PostRow, PostStats } from './repo';

export const authorName = (r: { first_name: string; last_name: string }) => `${r.first_name} ${r.last_name.slice(0, 1)}.`.trim();

export type ModerationView = { status: 'hidden' | 'removed'; reason: string; at: string | null } | null;

function moderationView(r: { status: string; moderation_reason: string | null; moderated_at?: Date | null }, seesIt: boolean): ModerationView {
  if (r.status === 'visible' || !seesIt) return null;
  return { status: r.status as 'hidden' | 'removed', reason: r.moderation_reason ?? '', at: r.moderated_at?.toISOString() ?? null };
}

export type SharedPostView = { id: string; kind: string; author: { id: string; name: string }; title: string | null; body: string; deal: LinkedDeal | null; createdAt: string };

export type PostView = {
  id: string;
  kind: 'post' | 'share' | 'deal_update';
  author: { id: string; name: string };
  title: string | null;
  /** null once a moderator removed the post. */
  body: string | null;
  deal: LinkedDeal | null;
  /** A share's original; null when it is no longer shown to this viewer. */
  shared: SharedPostView | null;
  moderation: ModerationView;
  likes: number;
  comments: number;
  shares: number;
  likedByMe: boolean;
  mine: boolean;
  createdAt: string;
};

export function sharedView(r: PostRow, deal: LinkedDeal | null): SharedPostView {
  return { id: r.id, kind: r.kind, author: { id: r.author_id, name: authorName(r) }, title: r.title, body: r.body, deal, createdAt: r.created_at.toISOString() };
}

export function postView(r: PostRow, viewer: { id: string; moderator: boolean }, extra: { deal: LinkedDeal | null; shared: SharedPostView | null; stats: PostStats | undefined }): PostView {
  const mine = r.author_id === viewer.id;
  return {
    id: r.id,
    kind: r.kind,
    author: { id: r.author_id, name: authorName(r) },
    title: r.title,
    body: r.status === 'removed' ? null : r.body,
    deal: extra.deal,
    shared: extra.shared,
    moderation: moderationView(r, mine || viewer.moderator),
    likes: extra.stats?.likes ?? 0,
    comments: extra.stats?.comments ?? 0,
    shares: extra.stats?.shares ?? 0,
    likedByMe: extra.stats?.liked ?? false,
    mine,
    createdAt: r.created_at.toISOString(),
  };
}

export type CommentView = { id: string; postId: string; author: { id: string; name: string }; body: string | null; moderation: ModerationView; mine: boolean; createdAt: string };

export function commentView(c: CommentRow, viewer: { id: string; moderator: boolean }): CommentView {
  const mine = c.author_id === viewer.id;
  return {
    id: c.id,
    postId: c.post_id,
    author: { id: c.author_id, name: authorName(c) },
    body: c.status === 'removed' && !viewer.moderator ? null : c.body,
    moderation: moderationView(c, mine || viewer.moderator),
    mine,
    createdAt: c.created_at.toISOString(),
  };
}
