import { audit, type RequestMeta } from '../audit/service';
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { Conflict, Forbidden, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { withVisibleDeal } from './access';
import { renderMarkdown } from './markdown';
import { findComment, insertComment, listComments, markCommentDeleted, type CommentRow } from './repo';

const DELETED = '[deleted]';

function commentView(c: CommentRow) {
  const deleted = c.deleted_at !== null;
  const body = deleted ? DELETED : c.body;
  return {
    id: c.id,
    parentId: c.parent_id,
    author: deleted ? null : { id: c.author_id, name: `${c.first_name} ${c.last_name.slice(0, 1)}.` },
    body,
    bodyHtml: deleted ? `<p>${DELETED}</p>` : renderMarkdown(body),
    isIssuerReply: c.is_issuer_reply,
    deleted,
    createdAt: c.created_at.toISOString(),
  };
}
type CommentView = ReturnType<typeof commentView> & { replies: CommentView[] };

/** Who may remove other people's comments on a deal: its own issuer and the tenant's admins. */
function moderatorRole(p: Principal, deal: { issuer_user_id: string | null }): 'admin' | 'issuer' | null {
  if (hasRole(p, ['tenant_admin'])) return 'admin';
  return deal.issuer_user_id === p.userId ? 'issuer' : null;
}

/** Top-level comments, oldest first, each with its replies (one level: replies to replies join the thread). */
export function listDealComments(tenant: TenantContext, p: Principal | null, dealId: string) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    const rows = await listComments(t, deal.id);
    const threads = new Map<string, CommentView>();
    for (const r of rows) if (!r.parent_id) threads.set(r.id, { ...commentView(r), replies: [] });
    for (const r of rows) if (r.parent_id) threads.get(r.parent_id)?.replies.push({ ...commentView(r), replies: [] });
    return { comments: [...threads.values()], canModerate: !!p && moderatorRole(p, deal) !== null };
  });
}

/** Any signed-in user who can see the deal; the deal's issuer's comments are flagged as issuer replies. */
export function postDealComment(tenant: TenantContext, p: Principal, dealId: string, input: { body: string; parentId?: string }, meta: RequestMeta) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    let rootId: string | null = null;
    if (input.parentId) {
      const parent = await findComment(t, deal.id, input.parentId);
      if (!parent) throw new NotFound('The comment replied to does not exist on this deal', 'parent_not_found');
      if (parent.deleted_at) throw new Conflict('parent_deleted', 'The comment replied to has been deleted');
      rootId = parent.parent_id ?? parent.id;
    }
    const id = uuidv7();
    const isIssuer = deal.issuer_user_id === p.userId;
    await insertComment(t, { id, deal_id: deal.id, author_id: p.userId, parent_id: rootId, body: input.body, is_issuer_reply: isIssuer });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.comment_posted', targetType: 'deal_comment', targetId: id, metadata: { dealId: deal.id, parentId: rootId, isIssuerReply: isIssuer } }, meta);
    const row = (await listComments(t, deal.id)).find((c) => c.id === id)!;
    return { ...commentView(row), replies: [] };
  });
}

const REMOVED_BY = { admin: 'deal.comment_removed_by_admin', issuer: 'deal.comment_removed_by_issuer' } as const;

/**
 * Authors delete their own comments; the deal's issuer and tenant admins remove any on the
 * deal (moderation, audited as such). A soft delete: the thread stays, the text goes.
 */
export function deleteDealComment(tenant: TenantContext, p: Principal, dealId: string, commentId: string, meta: RequestMeta) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => {
    const comment = await findComment(t, deal.id, commentId);
    if (!comment) throw new NotFound('Comment not found');
    const moderator = comment.author_id === p.userId ? null : moderatorRole(p, deal);
    if (comment.author_id !== p.userId && !moderator) throw new Forbidden("Only its author, the deal's issuer or an admin may delete a comment", 'not_comment_author');
    if (comment.deleted_at) return;
    await markCommentDeleted(t, deal.id, comment.id, { deleted_at: new Date() });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: moderator ? REMOVED_BY[moderator] : 'deal.comment_deleted', targetType: 'deal_comment', targetId: comment.id, metadata: { dealId: deal.id, authorId: comment.author_id } }, meta);
  });
}
