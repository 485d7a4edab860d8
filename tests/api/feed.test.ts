import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as postUpdate } from '../../src/app/api/deals/[id]/updates/route';
import { PATCH as editUpdate } from '../../src/app/api/deals/[id]/updates/[itemId]/route';
import { GET as feed } from '../../src/app/api/feed/route';
import { POST as createPost } from '../../src/app/api/feed/posts/route';
import { GET as getPost } from '../../src/app/api/feed/posts/[id]/route';
import { POST as comment } from '../../src/app/api/feed/posts/[id]/comments/route';
import { DELETE as unlike, PUT as like } from '../../src/app/api/feed/posts/[id]/like/route';
import { POST as share } from '../../src/app/api/feed/posts/[id]/shares/route';
import { POST as report } from '../../src/app/api/feed/posts/[id]/reports/route';
import { GET as profile } from '../../src/app/api/feed/members/[id]/route';
import { DELETE as unfollow, PUT as follow } from '../../src/app/api/feed/members/[id]/follow/route';
import { DELETE as unblock, PUT as block } from '../../src/app/api/feed/members/[id]/block/route';
import { GET as queue } from '../../src/app/api/feed/moderation/reports/route';
import { POST as moderatePost } from '../../src/app/api/feed/moderation/posts/[id]/route';
import { POST as moderateComment } from '../../src/app/api/feed/moderation/comments/[id]/route';
import { POST as applyToGroup } from '../../src/app/api/groups/[id]/apply/route';
import { PUT as setVisibility } from '../../src/app/api/issuer/deals/[id]/visibility/route';
import { POST as decide } from '../../src/app/api/issuer/groups/applications/[id]/decision/route';
import { POST as createGroup } from '../../src/app/api/issuer/groups/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';
import type { Role } from '../../src/server/db/types';
import { seedDemoFeed } from '../../src/server/platform/demo-feed';

type Actor = { id: string; email: string; token: string };

async function actor(t: TestTenant, roles: Role[] = ['investor']): Promise<Actor> {
  const u = await makeUser(t, roles);
  return { ...u, token: await tokenFor(t, u.email) };
}

async function socialTenant(): Promise<TestTenant & { adminToken: string }> {
  const t = await makeTenant();
  const adminToken = await tokenFor(t, t.admin.email);
  expect((await call(patchTenant, { host: t.host, token: adminToken, body: { features: { socialFeatures: true } } })).status).toBe(200);
  return { ...t, adminToken };
}

const post = async (t: TestTenant, a: Actor, body: string, dealId?: string) => {
  const r = await call(createPost, { host: t.host, token: a.token, body: { body, ...(dealId && { dealId }) } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
};

/** Every post of the viewer's feed, walking the cursor `limit` at a time. */
async function wholeFeed(t: TestTenant, a: Actor, limit = 2) {
  const seen: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const r = await call(feed, { host: t.host, token: a.token, path: `/api/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}` });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.posts.length).toBeLessThanOrEqual(limit);
    seen.push(...r.json.posts);
    cursor = r.json.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the feed never ended');
}
const ids = (posts: any[]) => posts.map((p) => p.id);

const auditOf = (t: TestTenant, action: string, targetId: string) =>
  withTenant(t.id, null, (x) => x.tx.selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', t.id).where('action', '=', action).where('target_id', '=', targetId).execute());

const noticesTo = (tenantId: string, userId: string, type: string) =>
  withTenant(tenantId, null, (x) => x.tx.selectFrom('notification_outbox').select(['channel', 'title', 'body', 'link', 'data']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('type', '=', type).orderBy('channel').execute());

describe('the feature flag', () => {
  it('answers 403 feature_disabled on every feed route while socialFeatures is off, and works once it is on', async () => {
    const t = await makeTenant();
    const a = await actor(t);
    const off = await call(feed, { host: t.host, token: a.token, path: '/api/feed' });
    expect(off.status).toBe(403);
    expect(off.json.code).toBe('feature_disabled');
    expect((await call(createPost, { host: t.host, token: a.token, body: { body: 'hello' } })).json.code).toBe('feature_disabled');
    expect((await call(follow, { host: t.host, token: a.token, method: 'PUT', params: { id: t.admin.id } })).status).toBe(403);
    const adminToken = await tokenFor(t, t.admin.email);
    expect((await call(queue, { host: t.host, token: adminToken })).status).toBe(403);
    expect((await call(patchTenant, { host: t.host, token: adminToken, body: { features: { socialFeatures: true } } })).status).toBe(200);
    expect((await call(feed, { host: t.host, token: a.token, path: '/api/feed' })).status).toBe(200);
  });

  it('needs a signed-in member', async () => {
    const t = await socialTenant();
    expect((await call(feed, { host: t.host, path: '/api/feed' })).status).toBe(401);
  });
});

describe('posting and the feed order', () => {
  let t: Awaited<ReturnType<typeof socialTenant>>;
  let alice: Actor, bob: Actor, carol: Actor;
  const p = {} as Record<'a1' | 'b1' | 'b2' | 'c1' | 'c2' | 'c3', string>;

  beforeAll(async () => {
    t = await socialTenant();
    [alice, bob, carol] = await Promise.all([actor(t), actor(t), actor(t)]);
    // Oldest first: b1, c1, a1, c2, b2, c3.
    p.b1 = await post(t, bob, 'bob one');
    p.c1 = await post(t, carol, 'carol one');
    p.a1 = await post(t, alice, 'alice one');
    p.c2 = await post(t, carol, 'carol two');
    p.b2 = await post(t, bob, 'bob two');
    p.c3 = await post(t, carol, 'carol three');
  });

  it('refuses an empty or oversized post and a malformed cursor, naming the field', async () => {
    const empty = await call(createPost, { host: t.host, token: alice.token, body: { body: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.json.errors[0].field).toBe('body');
    expect((await call(createPost, { host: t.host, token: alice.token, body: { body: 'x'.repeat(5001) } })).status).toBe(400);
    const badDeal = await call(createPost, { host: t.host, token: alice.token, body: { body: 'x', dealId: 'nope' } });
    expect(badDeal.json.errors[0].field).toBe('dealId');
    const badCursor = await call(feed, { host: t.host, token: alice.token, path: '/api/feed?cursor=10' });
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.errors[0].field).toBe('cursor');
    const badLimit = await call(feed, { host: t.host, token: alice.token, path: '/api/feed?limit=500' });
    expect(badLimit.json.errors[0].field).toBe('limit');
  });

  it('without follows: everyone’s posts newest first, the viewer’s own at the top', async () => {
    expect(ids(await wholeFeed(t, alice, 2))).toEqual([p.a1, p.c3, p.b2, p.c2, p.c1, p.b1]);
  });

  it('following bob brings his posts before everyone else’s, newest first; every page size walks the same feed', async () => {
    const f = await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: bob.id } });
    expect(f.status).toBe(200);
    expect(f.json).toMatchObject({ following: true, followers: 1 });
    // Following twice is one follow.
    expect((await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: bob.id } })).json.followers).toBe(1);
    const expected = [p.b2, p.a1, p.b1, p.c3, p.c2, p.c1];
    for (const limit of [1, 2, 3, 5, 50]) expect(ids(await wholeFeed(t, alice, limit))).toEqual(expected);
    // bob's own feed is unchanged by alice's follow.
    expect(ids(await wholeFeed(t, bob, 4))).toEqual([p.b2, p.b1, p.c3, p.c2, p.a1, p.c1]);
  });

  it('unfollowing puts bob back among everyone else', async () => {
    expect((await call(unfollow, { host: t.host, token: alice.token, method: 'DELETE', params: { id: bob.id } })).json.following).toBe(false);
    expect(ids(await wholeFeed(t, alice, 2))).toEqual([p.a1, p.c3, p.b2, p.c2, p.c1, p.b1]);
  });

  it('a member’s profile lists their posts with the viewer’s relation to them; following oneself is refused', async () => {
    const r = await call(profile, { host: t.host, token: alice.token, path: '/api/feed/members/x?limit=2', params: { id: carol.id } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ member: { id: carol.id }, following: false, blocked: false, isMe: false });
    expect(ids(r.json.posts)).toEqual([p.c3, p.c2]);
    const next = await call(profile, { host: t.host, token: alice.token, path: `/api/feed/members/x?limit=2&cursor=${r.json.nextCursor}`, params: { id: carol.id } });
    expect(ids(next.json.posts)).toEqual([p.c1]);
    expect(next.json.nextCursor).toBeNull();
    const self = await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: alice.id } });
    expect(self.status).toBe(400);
    expect(self.json.code).toBe('cannot_follow_self');
    expect((await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: '00000000-0000-7000-8000-000000000001' } })).status).toBe(404);
  });

  it('likes are idempotent, also when sent at once; comments and shares are counted', async () => {
    const many = await Promise.all(Array.from({ length: 5 }, () => call(like, { host: t.host, token: bob.token, method: 'PUT', params: { id: p.c1 } })));
    expect(many.every((r) => r.status === 200)).toBe(true);
    expect((await call(like, { host: t.host, token: alice.token, method: 'PUT', params: { id: p.c1 } })).json).toEqual({ postId: p.c1, liked: true, likes: 2 });
    expect((await call(unlike, { host: t.host, token: alice.token, method: 'DELETE', params: { id: p.c1 } })).json.likes).toBe(1);
    expect((await call(unlike, { host: t.host, token: alice.token, method: 'DELETE', params: { id: p.c1 } })).json).toEqual({ postId: p.c1, liked: false, likes: 1 });
    const c = await call(comment, { host: t.host, token: alice.token, params: { id: p.c1 }, body: { body: 'Nice one' } });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ body: 'Nice one', author: { id: alice.id }, mine: true });
    const s = await call(share, { host: t.host, token: alice.token, params: { id: p.c1 }, body: { body: 'Worth a read' } });
    expect(s.status).toBe(201);
    expect(s.json).toMatchObject({ kind: 'share', body: 'Worth a read', shared: { id: p.c1, body: 'carol one' } });
    // Sharing a share shares its original.
    const again = await call(share, { host: t.host, token: bob.token, params: { id: s.json.id }, body: {} });
    expect(again.json.shared.id).toBe(p.c1);
    const detail = await call(getPost, { host: t.host, token: carol.token, params: { id: p.c1 } });
    expect(detail.json.post).toMatchObject({ likes: 1, comments: 1, shares: 2, likedByMe: false });
    expect(detail.json.comments.map((x: any) => x.body)).toEqual(['Nice one']);
  });
});

describe('an issuer’s deal updates', () => {
  it('reach the issuer’s followers first, and its corrections follow', async () => {
    const t = await socialTenant();
    const issuer = await makeVerifiedIssuer(t, t.adminToken);
    const deal = await makeActiveDeal(t, issuer.token, t.adminToken, { title: 'Harbour Wind' });
    const [fan, other] = await Promise.all([actor(t), actor(t)]);
    expect((await call(follow, { host: t.host, token: fan.token, method: 'PUT', params: { id: issuer.id } })).status).toBe(200);
    const u = await call(postUpdate, { host: t.host, token: issuer.token, params: { id: deal.id }, body: { title: 'Turbines delivered', body: 'All six turbines are on site.' } });
    expect(u.status).toBe(201);
    const chatter = await post(t, other, 'Newer than the update');
    const fanFeed = await wholeFeed(t, fan, 10);
    expect(fanFeed[0]).toMatchObject({ kind: 'deal_update', title: 'Turbines delivered', body: 'All six turbines are on site.', author: { id: issuer.id }, deal: { id: deal.id, title: 'Harbour Wind' } });
    expect(fanFeed[1].id).toBe(chatter);
    // Someone not following sees it by recency among everyone's posts.
    const otherFeed = await wholeFeed(t, other, 10);
    expect(otherFeed.map((x) => x.kind)).toEqual(['post', 'deal_update']);
    await call(editUpdate, { host: t.host, token: issuer.token, method: 'PATCH', params: { id: deal.id, itemId: u.json.id }, body: { title: 'Turbines delivered and installed' } });
    expect((await wholeFeed(t, fan, 10))[0].title).toBe('Turbines delivered and installed');
  });
});

describe('blocks', () => {
  let t: Awaited<ReturnType<typeof socialTenant>>;
  let alice: Actor, bob: Actor, carol: Actor;
  let alicePost: string, bobPost: string, carolPost: string;

  beforeAll(async () => {
    t = await socialTenant();
    [alice, bob, carol] = await Promise.all([actor(t), actor(t), actor(t)]);
    alicePost = await post(t, alice, 'alice writes');
    bobPost = await post(t, bob, 'bob writes');
    carolPost = await post(t, carol, 'carol writes');
    await call(comment, { host: t.host, token: carol.token, params: { id: bobPost }, body: { body: 'carol was here' } });
    await call(follow, { host: t.host, token: carol.token, method: 'PUT', params: { id: alice.id } });
    await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: carol.id } });
  });

  it('hides the blocked member’s posts and comments from the blocker, and ends following both ways (audited)', async () => {
    const b = await call(block, { host: t.host, token: alice.token, method: 'PUT', params: { id: carol.id } });
    expect(b.status).toBe(200);
    expect(b.json).toMatchObject({ blocked: true, following: false, followsYou: false });
    expect(ids(await wholeFeed(t, alice))).not.toContain(carolPost);
    expect((await call(getPost, { host: t.host, token: alice.token, params: { id: carolPost } })).status).toBe(404);
    expect((await call(getPost, { host: t.host, token: alice.token, params: { id: bobPost } })).json.comments).toEqual([]);
    // Others still see them.
    expect(ids(await wholeFeed(t, bob))).toContain(carolPost);
    expect((await call(getPost, { host: t.host, token: bob.token, params: { id: bobPost } })).json.comments).toHaveLength(1);
    expect((await call(profile, { host: t.host, token: alice.token, params: { id: carol.id } })).json).toMatchObject({ blocked: true, posts: [] });
    expect(await auditOf(t, 'feed.member_blocked', carol.id)).toHaveLength(1);
  });

  it('the blocked member cannot follow the blocker, comment on or share their posts', async () => {
    const f = await call(follow, { host: t.host, token: carol.token, method: 'PUT', params: { id: alice.id } });
    expect(f.status).toBe(403);
    expect(f.json.code).toBe('blocked');
    expect((await call(comment, { host: t.host, token: carol.token, params: { id: alicePost }, body: { body: 'let me in' } })).json.code).toBe('blocked');
    expect((await call(share, { host: t.host, token: carol.token, params: { id: alicePost }, body: {} })).json.code).toBe('blocked');
    // The blocker must unblock before following.
    expect((await call(follow, { host: t.host, token: alice.token, method: 'PUT', params: { id: carol.id } })).json.code).toBe('member_blocked');
  });

  it('unblocking shows them again', async () => {
    expect((await call(unblock, { host: t.host, token: alice.token, method: 'DELETE', params: { id: carol.id } })).json.blocked).toBe(false);
    expect(ids(await wholeFeed(t, alice))).toContain(carolPost);
    expect((await call(follow, { host: t.host, token: carol.token, method: 'PUT', params: { id: alice.id } })).status).toBe(200);
  });
});

describe('moderation across roles and tenants', () => {
  let t: Awaited<ReturnType<typeof socialTenant>>;
  let other: Awaited<ReturnType<typeof socialTenant>>;
  let author: Actor, reporter: Actor, reader: Actor, officer: Actor, otherAdmin: Actor;
  let postId: string;

  beforeAll(async () => {
    [t, other] = await Promise.all([socialTenant(), socialTenant()]);
    [author, reporter, reader, officer] = await Promise.all([actor(t), actor(t), actor(t), actor(t, ['compliance_officer'])]);
    otherAdmin = { ...other.admin, token: other.adminToken };
    postId = await post(t, author, 'Guaranteed 50% returns, DM me');
  });

  it('a member reports a post once; a second report answers the first', async () => {
    const r = await call(report, { host: t.host, token: reporter.token, params: { id: postId }, body: { reason: 'Promises returns' } });
    expect(r.status).toBe(201);
    const again = await call(report, { host: t.host, token: reporter.token, params: { id: postId }, body: { reason: 'Still promising returns' } });
    expect(again.status).toBe(200);
    expect(again.json.alreadyReported).toBe(true);
    expect((await call(report, { host: t.host, token: reader.token, params: { id: postId }, body: { reason: 'x' } })).json.errors[0].field).toBe('reason');
  });

  it('only tenant admins and compliance officers see the queue', async () => {
    expect((await call(queue, { host: t.host, token: reader.token })).status).toBe(403);
    const q = await call(queue, { host: t.host, token: officer.token });
    expect(q.status).toBe(200);
    expect(q.json.items).toHaveLength(1);
    expect(q.json.items[0]).toMatchObject({ post: { id: postId }, reports: [{ reason: 'Promises returns', reporter: { id: reporter.id } }] });
    // Another tenant's moderator sees none of it and cannot act on it.
    expect((await call(queue, { host: other.host, token: otherAdmin.token })).json.items).toEqual([]);
    expect((await call(moderatePost, { host: other.host, token: otherAdmin.token, params: { id: postId }, body: { action: 'hide', reason: 'cross-tenant probe' } })).status).toBe(404);
    expect((await call(getPost, { host: other.host, token: otherAdmin.token, params: { id: postId } })).status).toBe(404);
    // A member cannot moderate.
    expect((await call(moderatePost, { host: t.host, token: reader.token, params: { id: postId }, body: { action: 'hide', reason: 'I dislike it' } })).status).toBe(403);
  });

  it('hiding needs a reason; the post disappears for others, its author sees it hidden and why; audited; the queue empties', async () => {
    const noReason = await call(moderatePost, { host: t.host, token: officer.token, params: { id: postId }, body: { action: 'hide' } });
    expect(noReason.status).toBe(400);
    const h = await call(moderatePost, { host: t.host, token: officer.token, params: { id: postId }, body: { action: 'hide', reason: 'Promises of returns are not allowed' } });
    expect(h.status).toBe(200);
    expect(h.json.reportsResolved).toBe(1);
    expect(ids(await wholeFeed(t, reader))).not.toContain(postId);
    expect((await call(getPost, { host: t.host, token: reader.token, params: { id: postId } })).status).toBe(404);
    expect((await call(like, { host: t.host, token: reader.token, method: 'PUT', params: { id: postId } })).status).toBe(404);
    const own = (await wholeFeed(t, author)).find((x) => x.id === postId);
    expect(own).toMatchObject({ body: 'Guaranteed 50% returns, DM me', moderation: { status: 'hidden', reason: 'Promises of returns are not allowed' } });
    const [entry] = await auditOf(t, 'feed.post_hidden', postId);
    expect(entry).toMatchObject({ actor_id: officer.id, metadata: { reason: 'Promises of returns are not allowed', authorId: author.id } });
    expect((await call(queue, { host: t.host, token: t.adminToken })).json.items).toEqual([]);
    // The author is told, on in-app and email, with the reason.
    const told = await noticesTo(t.id, author.id, 'feed.moderated');
    expect(told.map((n) => n.channel)).toEqual(['email', 'in_app']);
    expect(told[0]).toMatchObject({ title: 'A moderator hid your post', body: 'The reason given: Promises of returns are not allowed', link: `/feed/posts/${postId}`, data: { kind: 'post', outcome: 'hidden' } });
  });

  it('removing takes the text away, also from its author; restoring brings it back', async () => {
    await call(moderatePost, { host: t.host, token: t.adminToken, params: { id: postId }, body: { action: 'remove', reason: 'Repeated solicitation' } });
    const own = await call(getPost, { host: t.host, token: author.token, params: { id: postId } });
    expect(own.json.post).toMatchObject({ body: null, moderation: { status: 'removed', reason: 'Repeated solicitation' } });
    await call(moderatePost, { host: t.host, token: t.adminToken, params: { id: postId }, body: { action: 'restore' } });
    expect(ids(await wholeFeed(t, reader))).toContain(postId);
    expect(await auditOf(t, 'feed.post_restored', postId)).toHaveLength(1);
  });

  it('a moderator hides a comment; its author sees why, others do not see it', async () => {
    const c = await call(comment, { host: t.host, token: reader.token, params: { id: postId }, body: { body: 'rude words' } });
    const m = await call(moderateComment, { host: t.host, token: officer.token, params: { id: c.json.id }, body: { action: 'hide', reason: 'Be civil' } });
    expect(m.status).toBe(200);
    expect((await call(getPost, { host: t.host, token: author.token, params: { id: postId } })).json.comments).toEqual([]);
    const mine = (await call(getPost, { host: t.host, token: reader.token, params: { id: postId } })).json.comments;
    expect(mine).toMatchObject([{ id: c.json.id, moderation: { status: 'hidden', reason: 'Be civil' } }]);
    expect((await call(moderateComment, { host: other.host, token: otherAdmin.token, params: { id: c.json.id }, body: { action: 'restore' } })).status).toBe(404);
    expect(await auditOf(t, 'feed.comment_hidden', c.json.id)).toHaveLength(1);
    expect((await noticesTo(t.id, reader.id, 'feed.moderated')).find((n) => n.channel === 'in_app')).toMatchObject({ title: 'A moderator hid your comment', data: { kind: 'comment', outcome: 'hidden', reason: 'Be civil' } });
  });

  it('another tenant’s members reach none of this tenant’s posts or members', async () => {
    const stranger = await actor(other);
    for (const [h, method] of [[getPost, 'GET'], [like, 'PUT']] as const) expect((await call(h, { host: other.host, token: stranger.token, method, params: { id: postId } })).status).toBe(404);
    expect((await call(comment, { host: other.host, token: stranger.token, params: { id: postId }, body: { body: 'hi' } })).status).toBe(404);
    expect((await call(follow, { host: other.host, token: stranger.token, method: 'PUT', params: { id: author.id } })).status).toBe(404);
    expect(ids(await wholeFeed(other, stranger))).not.toContain(postId);
    // A token of one tenant is refused on the other's host.
    expect((await call(feed, { host: other.host, token: author.token, path: '/api/feed' })).status).toBe(401);
  });
});

describe('rate limits per member', () => {
  it('refuses the eleventh post in ten minutes with 429 and Retry-After; other members still post', async () => {
    const t = await socialTenant();
    const [eager, calm] = await Promise.all([actor(t), actor(t)]);
    for (let i = 0; i < 10; i++) await post(t, eager, `post ${i}`);
    const refused = await call(createPost, { host: t.host, token: eager.token, body: { body: 'one too many' } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(ids(await wholeFeed(t, calm, 50))).toHaveLength(10);
    await post(t, calm, 'still fine');
  });
});

describe('member-only deals do not leak through the feed', () => {
  let t: Awaited<ReturnType<typeof socialTenant>>;
  let member: Actor, outsider: Actor;
  let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
  let dealId: string;

  beforeAll(async () => {
    t = await socialTenant();
    issuer = await makeVerifiedIssuer(t, t.adminToken);
    [member, outsider] = await Promise.all([actor(t), actor(t)]);
    const g = await call(createGroup, { host: t.host, token: issuer.token, body: { name: 'Inner Circle', description: 'Members only', questions: [], focusAreas: ['energy'] } });
    expect(g.status).toBe(201);
    const a = await call(applyToGroup, { host: t.host, token: member.token, params: { id: g.json.id }, body: { answers: [] } });
    expect((await call(decide, { host: t.host, token: issuer.token, params: { id: a.json.id }, body: { decision: 'approve' } })).status).toBe(200);
    dealId = (await makeActiveDeal(t, issuer.token, t.adminToken, { title: 'Members Only Solar Fund' })).id;
    expect((await call(setVisibility, { host: t.host, token: issuer.token, method: 'PUT', params: { id: dealId }, body: { visibility: 'group' } })).status).toBe(200);
    await call(follow, { host: t.host, token: outsider.token, method: 'PUT', params: { id: issuer.id } });
    await call(follow, { host: t.host, token: outsider.token, method: 'PUT', params: { id: member.id } });
  });

  it('a member links it, and its updates reach members; an outsider sees neither, nor a share of it, and cannot link it', async () => {
    const linked = await post(t, member, 'Look at this one', dealId);
    const u = await call(postUpdate, { host: t.host, token: issuer.token, params: { id: dealId }, body: { title: 'Members-only news', body: 'Closing soon' } });
    expect(u.status).toBe(201);
    const s = await call(share, { host: t.host, token: member.token, params: { id: linked }, body: { body: 'sharing' } });
    expect(s.status).toBe(201);
    const plain = await post(t, member, 'Nothing secret here');

    const memberFeed = await wholeFeed(t, member, 3);
    expect(memberFeed.find((x) => x.id === linked)?.deal).toMatchObject({ id: dealId, title: 'Members Only Solar Fund' });
    expect(memberFeed.some((x) => x.kind === 'deal_update' && x.title === 'Members-only news')).toBe(true);

    for (const limit of [1, 2, 50]) {
      const outsiderFeed = await wholeFeed(t, outsider, limit);
      expect(ids(outsiderFeed)).toEqual([plain]);
      expect(JSON.stringify(outsiderFeed)).not.toMatch(/Members Only|Members-only|Closing soon/);
    }
    expect((await call(getPost, { host: t.host, token: outsider.token, params: { id: linked } })).status).toBe(404);
    expect((await call(getPost, { host: t.host, token: outsider.token, params: { id: s.json.id } })).status).toBe(404);
    const linking = await call(createPost, { host: t.host, token: outsider.token, body: { body: 'guessing', dealId } });
    expect(linking.status).toBe(404);
    expect(JSON.stringify(linking.json)).not.toMatch(/member/i);
    expect(JSON.stringify((await call(profile, { host: t.host, token: outsider.token, params: { id: member.id } })).json)).not.toMatch(/Members Only/);
  });
});

describe('the demo feed', () => {
  it('turns socialFeatures on and seeds follows, posts (one linking a public deal), a comment and likes, once', async () => {
    const t = await makeTenant();
    const adminToken = await tokenFor(t, t.admin.email);
    const issuer = await makeVerifiedIssuer(t, adminToken);
    const deal = await makeActiveDeal(t, issuer.token, adminToken, { title: 'Demo Orchard' });
    const [ivan, iris] = await Promise.all([actor(t), actor(t)]);
    const seed = () => seedDemoFeed(t.id, t.slug, { admin: t.admin.email, issuer: issuer.email, investors: [ivan.email, iris.email] });
    await seed();
    await seed();
    const irisFeed = await wholeFeed(t, iris, 10);
    expect(irisFeed).toHaveLength(3);
    const ivans = irisFeed.find((p) => p.author.id === ivan.id);
    expect(ivans).toMatchObject({ deal: { id: deal.id, title: 'Demo Orchard' }, likes: 2, comments: 1, likedByMe: true });
    expect((await call(profile, { host: t.host, token: ivan.token, params: { id: issuer.id } })).json.followers).toBe(2);
  });
});
