import { Inbox } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { dealReviewQueue } from '@/server/reporting/review-queue';
import { reviewQueueQuery } from '@/server/reporting/schema';
import { dealReviewHistory } from '@/server/deals/review-history';
import { DealDecision, FeatureToggle } from '@/ui/admin-actions';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { CardHeader, CardTitle, CardDescription } from '@/ui/primitives/card';
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
  const published = (await browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 }))).deals.filter((d) => ['active', 'funded', 'closed', 'completed'].includes(d.status));
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
      <Card className="mt-8">
        <CardHeader>
          <CardTitle>Published deals</CardTitle>
          <CardDescription>Featured deals lead the deals page.</CardDescription>
        </CardHeader>
        <CardContent className="px-2 sm:px-5">
          {published.length === 0 ? (
            <p className="px-3 text-sm text-muted-foreground">No deal is published yet.</p>
          ) : (
            <Table stacked>
              <caption className="sr-only">Published deals</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Deal</TH>
                  <TH scope="col">Status</TH>
                  <TH scope="col">
                    <span className="sr-only">Featured</span>
                  </TH>
                </tr>
              </THead>
              <TBody stacked>
                {published.map((d) => (
                  <TR key={d.id} stacked data-testid="published-deal">
                    <TD className="max-md:p-0">
                      <Link href={`/deals/${d.slug}`} className="font-medium hover:underline">
                        {d.title}
                      </Link>
                      <p className="text-xs text-muted-foreground">{d.issuer.name}</p>
                    </TD>
                    <TD label="Status">
                      <StatusBadge status={d.status} />
                    </TD>
                    <TD className="max-md:p-0 md:text-right">
                      <FeatureToggle dealId={d.id} title={d.title} featured={d.featured} />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
