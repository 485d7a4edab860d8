import { BriefcaseBusiness } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { portfolio } from '@/server/investments/portfolio';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { buttonVariants } from '@/ui/primitives/button';
import { PortfolioView } from '@/ui/portfolio-view';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'Portfolio' };

export default async function PortfolioPage() {
  const { tenant, principal } = await requireSession('/portfolio');
  const data = await portfolio(tenant, principal);

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
  return <PortfolioView initial={data} brandPrimary={tenant.theme.colors.primary} />;
}
