import { EyeOff, Megaphone, Repeat2 } from 'lucide-react';
import Link from 'next/link';
import type { CommentView, PostView } from '@/server/feed/views';
import { ModerationForm, PostActions } from './feed-forms';
import { formatDateTime } from './format';
import { Alert } from './primitives/alert';
import { Badge } from './primitives/badge';
import { Card, CardContent } from './primitives/card';

// One post as the feed, a post's page and the moderation queue show it (a server component; the
// buttons are feed-forms.tsx).

function ModerationNotice({ m, what }: { m: NonNullable<PostView['moderation']>; what: string }) {
  return (
    <Alert tone="error" title={m.status === 'hidden' ? `This ${what} was hidden by a moderator` : `This ${what} was removed by a moderator`}>
      <span data-testid="moderation-reason">Reason: {m.reason}</span>
    </Alert>
  );
}

export function FeedPostCard({ post, showActions = true, moderate = false, linkToPost = true }: { post: PostView; showActions?: boolean; moderate?: boolean; linkToPost?: boolean }) {
  const when = formatDateTime(post.createdAt);
  return (
    <Card data-testid="feed-post" data-post-id={post.id}>
      <CardContent className="grid gap-3 pt-5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <Link href={`/members/${post.author.id}`} className="font-semibold text-primary-text hover:underline">
            {post.author.name}
          </Link>
          {post.kind === 'share' && (
            <span className="inline-flex items-center gap-1 text-muted-foreground">
              <Repeat2 className="size-4" aria-hidden /> shared
            </span>
          )}
          {post.kind === 'deal_update' && (
            <Badge>
              <Megaphone className="mr-1 size-3" aria-hidden />
              Deal update
            </Badge>
          )}
          <span className="text-muted-foreground">·</span>
          {linkToPost ? (
            <Link href={`/feed/posts/${post.id}`} className="text-muted-foreground hover:underline">
              <time dateTime={post.createdAt}>{when}</time>
            </Link>
          ) : (
            <time dateTime={post.createdAt} className="text-muted-foreground">
              {when}
            </time>
          )}
        </div>
        {post.moderation && <ModerationNotice m={post.moderation} what="post" />}
        {post.title && <h3 className="text-base font-semibold">{post.title}</h3>}
        {post.body !== null ? post.body && <p className="whitespace-pre-wrap break-words" data-testid="post-body">{post.body}</p> : (
          <p className="inline-flex items-center gap-2 text-sm text-muted-foreground">
            <EyeOff className="size-4" aria-hidden /> The text of this post was removed.
          </p>
        )}
        {post.deal && (
          <p className="text-sm">
            Deal:{' '}
            <Link href={`/deals/${post.deal.slug}`} className="font-medium text-primary-text hover:underline">
              {post.deal.title}
            </Link>
          </p>
        )}
        {post.kind === 'share' && (
          <blockquote className="rounded-md border border-border p-3 text-sm">
            {post.shared ? (
              <>
                <Link href={`/members/${post.shared.author.id}`} className="font-semibold text-primary-text hover:underline">
                  {post.shared.author.name}
                </Link>
                {post.shared.title && <p className="mt-1 font-semibold">{post.shared.title}</p>}
                <p className="mt-1 whitespace-pre-wrap break-words">{post.shared.body}</p>
                {post.shared.deal && (
                  <Link href={`/deals/${post.shared.deal.slug}`} className="mt-1 inline-block text-primary-text hover:underline">
                    {post.shared.deal.title}
                  </Link>
                )}
              </>
            ) : (
              <span className="text-muted-foreground">The original post is no longer available.</span>
            )}
          </blockquote>
        )}
        <div className="flex flex-wrap items-center justify-between gap-2">
          {showActions && post.moderation === null ? (
            <PostActions postId={post.id} liked={post.likedByMe} likes={post.likes} shares={post.shares} canReport={!post.mine} />
          ) : (
            <span className="text-sm text-muted-foreground">
              {post.likes} likes · {post.shares} shares
            </span>
          )}
          {linkToPost && (
            <Link href={`/feed/posts/${post.id}`} className="text-sm font-medium text-primary-text hover:underline">
              {post.comments === 1 ? '1 comment' : `${post.comments} comments`}
            </Link>
          )}
        </div>
        {moderate && <ModerationForm kind="post" id={post.id} dismissable />}
      </CardContent>
    </Card>
  );
}

export function FeedComment({ comment, moderate }: { comment: CommentView; moderate: boolean }) {
  return (
    <li className="grid gap-2 rounded-md border border-border p-3" data-testid="feed-comment">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Link href={`/members/${comment.author.id}`} className="font-semibold text-primary-text hover:underline">
          {comment.author.name}
        </Link>
        <time dateTime={comment.createdAt} className="text-muted-foreground">
          {formatDateTime(comment.createdAt)}
        </time>
      </div>
      {comment.moderation && <ModerationNotice m={comment.moderation} what="comment" />}
      {comment.body !== null ? <p className="whitespace-pre-wrap break-words text-sm">{comment.body}</p> : <p className="text-sm text-muted-foreground">The text of this comment was removed.</p>}
      {moderate && <ModerationForm kind="comment" id={comment.id} />}
    </li>
  );
}

/** "Older posts" for a keyset page. */
export function OlderPosts({ href }: { href: string | null }) {
  if (!href) return null;
  return (
    <p className="text-center">
      <Link href={href} className="font-medium text-primary-text hover:underline">
        Older posts
      </Link>
    </p>
  );
}
