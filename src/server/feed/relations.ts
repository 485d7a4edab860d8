// Following and blocking members (issuers are members too: following an issuer's account brings
// its deal updates into the feed). A block ends following both ways and keeps the blocked member
// from following, commenting on or sharing the blocker's posts; the blocker no longer sees theirs.
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { BadRequest, Conflict, Forbidden, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { dealVisibilityFor, withFeed } from './access';
import { viewerOf } from './hydrate';
import { postsOf } from './posts';
import { deleteBlock, deleteFollow, deleteFollowsBetween, findMember, insertBlock, insertFollow, relationOf, type MemberRow } from './repo';
import type { FeedQuery } from './schema';
import { authorName } from './views';

async function requireMember(t: TenantTx, id: string): Promise<MemberRow> {
  const m = await findMember(t, id);
  if (!m || m.status !== 'active') throw new NotFound('Member not found', 'member_not_found');
  return m;
}

function notSelf(p: Principal, memberId: string, what: string) {
  if (p.userId === memberId) throw new BadRequest(`cannot_${what}_self`, `You cannot ${what} yourself`);
}

const memberView = (m: MemberRow) => ({ id: m.id, name: authorName(m), issuer: m.roles.includes('issuer') });

async function relationView(t: TenantTx, p: Principal, m: MemberRow) {
  const r = await relationOf(t, p.userId, m.id);
  return { member: memberView(m), following: r.following, followsYou: r.followedBy, blocked: r.blocked, followers: r.followers, followingCount: r.followingCount };
}

/** A member's profile: who they are, the viewer's relation to them, and their posts (none while the viewer blocks them). */
export async function memberProfile(tenant: TenantContext, p: Principal, memberId: string, q: FeedQuery) {
  const v = viewerOf(p, await dealVisibilityFor(tenant, p));
  return withFeed(tenant, p, async (t) => {
    const m = await requireMember(t, memberId);
    const relation = await relationView(t, p, m);
    const page = relation.blocked ? { posts: [], nextCursor: null } : await postsOf(t, v, m.id, q);
    return { ...relation, isMe: m.id === p.userId, ...page };
  });
}

export function follow(tenant: TenantContext, p: Principal, memberId: string) {
  return withFeed(tenant, p, async (t) => {
    notSelf(p, memberId, 'follow');
    const m = await requireMember(t, memberId);
    const r = await relationOf(t, p.userId, m.id);
    if (r.blockedBy) throw new Forbidden('This member has blocked you: you cannot follow them', 'blocked');
    if (r.blocked) throw new Conflict('member_blocked', 'You have blocked this member: unblock them before following');
    await insertFollow(t, p.userId, m.id);
    return relationView(t, p, m);
  });
}

export function unfollow(tenant: TenantContext, p: Principal, memberId: string) {
  return withFeed(tenant, p, async (t) => {
    const m = await requireMember(t, memberId);
    await deleteFollow(t, p.userId, m.id);
    return relationView(t, p, m);
  });
}

export function block(tenant: TenantContext, p: Principal, memberId: string, meta: RequestMeta) {
  return withFeed(tenant, p, async (t) => {
    notSelf(p, memberId, 'block');
    const m = await requireMember(t, memberId);
    if (await insertBlock(t, p.userId, m.id)) {
      await deleteFollowsBetween(t, p.userId, m.id);
      await audit(t, { actorId: p.userId, actorRole: p.role, action: 'feed.member_blocked', targetType: 'user', targetId: m.id }, meta);
    }
    return relationView(t, p, m);
  });
}

export function unblock(tenant: TenantContext, p: Principal, memberId: string, meta: RequestMeta) {
  return withFeed(tenant, p, async (t) => {
    const m = await requireMember(t, memberId);
    if (await deleteBlock(t, p.userId, m.id)) await audit(t, { actorId: p.userId, actorRole: p.role, action: 'feed.member_unblocked', targetType: 'user', targetId: m.id }, meta);
    return relationView(t, p, m);
  });
}
