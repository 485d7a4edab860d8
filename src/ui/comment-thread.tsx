import dynamic from 'next/dynamic';
import { formatDateTime } from './format';
import { CommentForm } from './comment-form';

// A deal's discussion: server-rendered threads (one level of replies) with small client islands
// for posting; the comment bodies are the API's sanitized HTML. The delete/remove control is
// loaded only where the viewer may use it (own comments; every comment for moderators).
const CommentDelete = dynamic(() => import('./comment-delete').then((m) => m.CommentDelete));

/** Who is reading: their user id, and whether they moderate this deal (its issuer, an admin). */
export type CommentViewer = { userId: string; canModerate: boolean } | null;

export type DealComment = {
  id: string;
  author: { id: string; name: string } | null;
  bodyHtml: string;
  isIssuerReply: boolean;
  deleted: boolean;
  createdAt: string;
  replies: DealComment[];
};

function CommentItem({ c, dealId, viewer }: { c: DealComment; dealId: string; viewer: CommentViewer }) {
  const own = !!viewer && c.author?.id === viewer.userId;
  const canDelete = !c.deleted && !!viewer && (own || viewer.canModerate);
  return (
    <article className="rounded-brand border border-border bg-card p-4" data-testid="comment" aria-label={`Comment by ${c.author?.name ?? 'a deleted author'}`}>
      <header className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{c.author?.name ?? 'Deleted'}</span>
        {c.isIssuerReply && <span className="rounded-full bg-primary-soft px-2 py-0.5 text-xs font-medium text-primary-text">Issuer</span>}
        <time className="text-xs text-muted-foreground" dateTime={c.createdAt}>
          {formatDateTime(c.createdAt)}
        </time>
      </header>
      <div className={`prose-deal mt-2 max-w-none text-sm ${c.deleted ? 'italic text-muted-foreground' : ''}`} dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      {canDelete && (
        <div className="mt-2">
          <CommentDelete dealId={dealId} commentId={c.id} moderation={!own} />
        </div>
      )}
    </article>
  );
}

export function CommentThread({ dealId, comments, viewer, loginHref }: { dealId: string; comments: DealComment[]; viewer: CommentViewer; loginHref: string }) {
  const signedIn = viewer !== null;
  return (
    <div className="space-y-4">
      {comments.length === 0 && <p className="text-sm text-muted-foreground">No questions yet. Ask the issuer something.</p>}
      {comments.map((c) => (
        <div key={c.id} className="space-y-3">
          <CommentItem c={c} dealId={dealId} viewer={viewer} />
          {(c.replies.length > 0 || (signedIn && !c.deleted)) && (
            <div className="ml-6 space-y-3 border-l border-border pl-4">
              {c.replies.map((r) => (
                <CommentItem key={r.id} c={r} dealId={dealId} viewer={viewer} />
              ))}
              {signedIn && !c.deleted && <CommentForm dealId={dealId} parentId={c.id} />}
            </div>
          )}
        </div>
      ))}
      {signedIn ? (
        <CommentForm dealId={dealId} />
      ) : (
        <p className="text-sm text-muted-foreground">
          <a href={loginHref} className="font-medium text-primary hover:underline">
            Log in
          </a>{' '}
          to ask a question or comment.
        </p>
      )}
    </div>
  );
}
