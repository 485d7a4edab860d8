import { BriefcaseBusiness } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { myPendingReconfirmations } from '@/server/compliance/reg-cf-material-change';
import { portfolio } from '@/server/investments/portfolio';
import { ReconfirmButton } from '@/ui/compliance-forms';
import { formatDateTime, humanize } from '@/ui/format';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { buttonVariants } from '@/ui/primitives/button';
import { PortfolioView } from '@/ui/portfolio-view';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Portfolio' };

export default async function PortfolioPage() {
  const { tenant, principal } = await requireSession('/portfolio');
  const [data, { reconfirmations }] = await Promise.all([portfolio(tenant, principal), myPendingReconfirmations(tenant, principal)]);
  // 227.304(c): commitments the investor must reconfirm after a material change, shown first.
  const pending =
    reconfirmations.length > 0 ? (
      <Card className="mb-6 border-warning" data-testid="reconfirmations">
        <CardHeader>
          <CardTitle>Reconfirm your investments</CardTitle>
          <CardDescription>These offerings changed materially. Reconfirm each commitment by its date, or it is cancelled and your money returned (17 CFR 227.304(c)). You may also cancel it.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {reconfirmations.map((r) => (
            <div key={`${r.changeId}-${r.investmentId}`} className="grid gap-2 border-b border-border pb-4 last:border-0" data-testid="reconfirmation">
              <p className="font-medium">
                {r.dealTitle} <span className="text-sm font-normal text-muted-foreground">· {r.kinds.map(humanize).join(', ')} · reconfirm by {formatDateTime(r.dueAt)}</span>
              </p>
              <p className="text-sm whitespace-pre-line">{r.description}</p>
              <ReconfirmButton investmentId={r.investmentId} />
            </div>
          ))}
        </CardContent>
      </Card>
    ) : null;

  if (data.positions.length === 0) {
    return (
      <>
        <PageHeader title="Portfolio" description="Your investments, their state and their history." />
        <EmptyState
          icon={BriefcaseBusiness}
          title="You have no investments yet"
          action={
            <Link href="/deals" className={buttonVariants()}>
              Browse deals
            </Link>
          }
        >
          When you invest in a deal it appears here, from the first commitment through escrow to confirmation.
        </EmptyState>
      </>
    );
  }
  // Rendered on the server first, then kept current in the browser (SWR).
  return (
    <>
      {pending}
      <PortfolioView initial={data} brandPrimary={tenant.theme.colors.primary} />
    </>
  );
}
