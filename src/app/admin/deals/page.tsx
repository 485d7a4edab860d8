import { Inbox } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { dealReviewQueue } from '@/server/reporting/review-queue';
import { reviewQueueQuery } from '@/server/reporting/schema';
import { dealReviewHistory } from '@/server/deals/review-history';
import { DealDecision } from '@/ui/admin-actions';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { ReviewHistory } from '@/ui/review-history';
import { Card, CardContent } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/status-badge';
import { statusLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Deal reviews' };

export default async function AdminDealsPage() {
  const { tenant, principal } = await requireSession('/admin/deals', ['tenant_admin']);
  const queue = await dealReviewQueue(tenant, principal, reviewQueueQuery.parse({}));
  const histories = new Map(await Promise.all(queue.deals.map(async (d) => [d.id, (await dealReviewHistory(tenant, principal, d.id)).steps] as const)));
  return (
    <>
      <PageHeader title="Administration" description="Deals submitted by issuers, oldest first." />
      <AdminNav current="/admin/deals" />
      {queue.deals.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing to review">
          Deals that issuers submit for review appear here.
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {queue.deals.map((d) => (
            <li key={d.id}>
              <Card data-testid="review-item">
                <CardContent className="grid gap-4 pt-5 md:grid-cols-[1fr_auto] md:items-start">
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <StatusBadge status={d.status} />
                      <span className="text-xs text-muted-foreground">Submitted {formatDateTime(d.submittedAt)}</span>
                    </div>
                    <h2 className="mt-2 text-lg font-semibold">
                      <Link href={`/deals/${d.slug}`} className="hover:underline">
                        {d.title}
                      </Link>
                    </h2>
                    <p className="text-sm text-muted-foreground">
                      {d.issuer.name} ({statusLabel(d.issuer.status).toLowerCase()} issuer) · {humanize(d.assetType)} · target {formatMoney(d.targetAmount, d.currency)} · min {formatMoney(d.minTicket, d.currency)}
                    </p>
                    {d.summary && <p className="mt-2 text-sm">{d.summary}</p>}
                    {(histories.get(d.id)?.length ?? 0) > 1 && (
                      <details className="mt-3 text-sm">
                        <summary className="cursor-pointer font-medium text-primary-text">Review history</summary>
                        <div className="mt-3">
                          <ReviewHistory steps={histories.get(d.id)!} />
                        </div>
                      </details>
                    )}
                  </div>
                  {d.ownDeal ? (
                    <p className="text-sm text-muted-foreground">Another admin must review your own deal.</p>
                  ) : (
                    <DealDecision dealId={d.id} title={d.title} />
                  )}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
