import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NotFound } from '@/server/errors';
import { idParams } from '@/server/feed/schema';
import { getPost, isModerator } from '@/server/feed/service';
import { FeatureOff } from '@/ui/feature-off';
import { PostCommentForm } from '@/ui/feed-forms';
import { FeedComment, FeedPostCard } from '@/ui/feed-post';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../../../session';

export const metadata: Metadata = { title: 'Post' };

/** One post with its comments (GET /api/feed/posts/{id}); moderators decide on it here too. */
export default async function PostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/feed/posts/${id}`);
  if (!tenant.features.socialFeatures) return <FeatureOff title="Community" feature="socialFeatures" />;
  if (!idParams.safeParse({ id }).success) notFound();
  const found = await getPost(tenant, principal, id).catch((e) => {
    if (e instanceof NotFound) return null;
    throw e;
  });
  if (!found) notFound();
  const { post, comments } = found;
  const moderator = isModerator(principal);
  return (
    <>
      <PageHeader title={`Post by ${post.author.name}`} actions={<Link href="/feed" className="text-sm font-medium text-primary-text hover:underline">Back to the feed</Link>} />
      <div className="mx-auto grid max-w-2xl gap-4">
        <FeedPostCard post={post} linkToPost={false} moderate={moderator} />
        <section aria-labelledby="comments-heading" className="grid gap-3">
          <h2 id="comments-heading" className="text-lg font-semibold">
            Comments ({comments.length})
          </h2>
          {comments.length > 0 && (
            <ul className="grid gap-2" data-testid="feed-comments">
              {comments.map((c) => (
                <FeedComment key={c.id} comment={c} moderate={moderator} />
              ))}
            </ul>
          )}
          {post.moderation === null && <PostCommentForm postId={post.id} />}
        </section>
      </div>
    </>
  );
}
