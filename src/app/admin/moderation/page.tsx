import { ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import { MODERATORS, reportQueue } from '@/server/feed/service';
import { EmptyState } from '@/ui/empty-state';
import { FeatureOff } from '@/ui/feature-off';
import { FeedPostCard } from '@/ui/feed-post';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Moderation' };

/** The moderators' queue (GET /api/feed/moderation/reports): reported posts, the longest waiting first. */
export default async function ModerationPage() {
  const { tenant, principal } = await requireSession('/admin/moderation', MODERATORS);
  if (!tenant.features.socialFeatures) return <FeatureOff title="Moderation" feature="socialFeatures" />;
  const { items } = await reportQueue(tenant, principal);
  return (
    <>
      <PageHeader title="Administration" description="Reported community posts: hide or remove them with a reason the author is shown, or dismiss the reports." />
      {principal.roles.includes('tenant_admin') && <AdminNav current="/admin/moderation" />}
      <h2 className="mb-4 text-lg font-semibold">Reported posts ({items.length})</h2>
      {items.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="Nothing to review">
          No post has an open report.
        </EmptyState>
      ) : (
        <ul className="grid gap-6" data-testid="moderation-queue">
          {items.map(({ post, reports }) => (
            <li key={post.id} className="grid gap-3">
              <FeedPostCard post={post} showActions={false} moderate />
              <div>
                <h3 className="text-sm font-semibold">Reports ({reports.length})</h3>
                <ul className="mt-1 grid gap-1 text-sm">
                  {reports.map((r) => (
                    <li key={r.id}>
                      <span className="font-medium">{r.reporter.name}</span> <span className="text-muted-foreground">({formatDateTime(r.createdAt)})</span>: {r.reason}
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
