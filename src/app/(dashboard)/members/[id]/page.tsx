import { MessagesSquare } from 'lucide-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { NotFound } from '@/server/errors';
import { feedQuery, idParams } from '@/server/feed/schema';
import { memberProfile } from '@/server/feed/service';
import { EmptyState } from '@/ui/empty-state';
import { FeatureOff } from '@/ui/feature-off';
import { MemberActions } from '@/ui/feed-forms';
import { FeedPostCard, OlderPosts } from '@/ui/feed-post';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Member' };

/** A member's profile feed (GET /api/feed/members/{id}) with follow and block buttons. */
export default async function MemberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/members/${id}`);
  if (!tenant.features.socialFeatures) return <FeatureOff title="Community" feature="socialFeatures" />;
  if (!idParams.safeParse({ id }).success) notFound();
  const sp = await searchParams;
  const parsed = feedQuery.safeParse({ cursor: typeof sp.cursor === 'string' ? sp.cursor : undefined });
  const q = parsed.success ? parsed.data : feedQuery.parse({});
  const profile = await memberProfile(tenant, principal, id, q).catch((e) => {
    if (e instanceof NotFound) return null;
    throw e;
  });
  if (!profile) notFound();
  const { member } = profile;
  return (
    <>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-2">
            {member.name} {member.issuer && <Badge>Issuer</Badge>}
          </span>
        }
        description={`${profile.followers} followers · following ${profile.followingCount}${profile.followsYou ? ' · follows you' : ''}`}
        actions={profile.isMe ? undefined : <MemberActions memberId={member.id} name={member.name} following={profile.following} blocked={profile.blocked} />}
      />
      <div className="mx-auto grid max-w-2xl gap-4">
        <h2 className="text-lg font-semibold">Posts</h2>
        {profile.blocked ? (
          <EmptyState icon={MessagesSquare} title="You have blocked this member">
            Their posts and comments are not shown to you. Unblock them to see them again.
          </EmptyState>
        ) : profile.posts.length === 0 ? (
          <EmptyState icon={MessagesSquare} title="No posts yet" />
        ) : (
          <ul className="grid gap-4" data-testid="member-posts">
            {profile.posts.map((p) => (
              <li key={p.id}>
                <FeedPostCard post={p} />
              </li>
            ))}
          </ul>
        )}
        <OlderPosts href={profile.nextCursor ? `/members/${member.id}?cursor=${encodeURIComponent(profile.nextCursor)}` : null} />
      </div>
    </>
  );
}
