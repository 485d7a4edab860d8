import type { Metadata } from 'next';
import Link from 'next/link';
import { ArrowLeft } from 'lucide-react';
import { NewDealWizard } from '@/ui/new-deal-wizard';
import { PageHeader } from '@/ui/page-header';
import { dealChainChoices } from '@/server/deals/chain-rail';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'New deal' };

export default async function NewDealPage() {
  const { tenant, principal } = await requireSession('/issuer/deals/new', ['issuer']);
  const chains = await dealChainChoices(tenant.id, principal.userId);
  return (
    <>
      <Link href="/issuer/deals" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> My deals
      </Link>
      <PageHeader title="New deal" description="It is saved as a draft; you submit it for review when it is ready." />
      <NewDealWizard chains={chains} />
    </>
  );
}
