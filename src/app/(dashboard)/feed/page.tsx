import { MessagesSquare } from 'lucide-react';
import type { Metadata } from 'next';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { feedQuery } from '@/server/feed/schema';
import { readFeed } from '@/server/feed/service';
import { EmptyState } from '@/ui/empty-state';
import { FeatureOff } from '@/ui/feature-off';
import { FeedComposer } from '@/ui/feed-forms';
import { FeedPostCard, OlderPosts } from '@/ui/feed-post';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Community' };

/** The member's feed (GET /api/feed): their own and followed accounts' posts first, then everyone's. */
export default async function FeedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, principal } = await requireSession('/feed');
  if (!tenant.features.socialFeatures) return <FeatureOff title="Community" feature="socialFeatures" />;
  const sp = await searchParams;
  const parsed = feedQuery.safeParse({ cursor: typeof sp.cursor === 'string' ? sp.cursor : undefined });
  const q = parsed.success ? parsed.data : feedQuery.parse({});
  const [{ posts, nextCursor }, deals] = await Promise.all([
    readFeed(tenant, principal, q),
    browseDeals(tenant, principal, listDealsQuery.parse({ limit: 50 })).then((r) => r.deals.map((d) => ({ id: d.id, title: d.title })), () => []),
  ]);
  return (
    <>
      <PageHeader title="Community" description="Posts from the people and issuers you follow come first, then everyone else’s." />
      <div className="mx-auto grid max-w-2xl gap-4">
        {!q.cursor && (
          <Card>
            <CardContent className="pt-5">
              <FeedComposer deals={deals} />
            </CardContent>
          </Card>
        )}
        <h2 className="sr-only">Posts</h2>
        {posts.length === 0 ? (
          <EmptyState icon={MessagesSquare} title={q.cursor ? 'No older posts' : 'No posts yet'}>
            Be the first to share something with the community.
          </EmptyState>
        ) : (
          <ul className="grid gap-4" data-testid="feed">
            {posts.map((p) => (
              <li key={p.id}>
                <FeedPostCard post={p} />
              </li>
            ))}
          </ul>
        )}
        <OlderPosts href={nextCursor ? `/feed?cursor=${encodeURIComponent(nextCursor)}` : null} />
      </div>
    </>
  );
}
