import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { NewDealWizard, type DealDraft } from '@/ui/new-deal-wizard';
import { PageHeader } from '@/ui/page-header';
import { dealChainChoices } from '@/server/deals/chain-rail';
import { ownDealPage } from '../../../own-deal';

export const metadata: Metadata = { title: 'Edit draft' };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export default async function EditDealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { deal, tenant, principal } = await ownDealPage(id, `/issuer/deals/${id}/edit`);
  // Only drafts are edited; a deal in review or live is managed from its page.
  if (deal.status !== 'draft') redirect(`/issuer/deals/${deal.id}`);
  const compliance = (deal.compliance ?? {}) as { regimes?: string[]; minimumVerificationLevel?: DealDraft['minimumVerificationLevel']; regSCategory?: number; formC?: { fileNumber: string; filedOn: string } };
  const initial: DealDraft = {
    title: deal.title,
    summary: deal.summary,
    description: deal.description,
    assetType: deal.assetType as DealDraft['assetType'],
    currency: deal.currency,
    targetAmount: deal.targetAmount,
    softCap: deal.softCap,
    hardCap: deal.hardCap,
    minTicket: deal.minTicket,
    maxTicket: deal.maxTicket ?? '',
    valuation: deal.valuation ?? '',
    startsAt: day(deal.startsAt),
    endsAt: day(deal.endsAt),
    regimes: compliance.regimes ?? [],
    minimumVerificationLevel: compliance.minimumVerificationLevel ?? 'none',
    regSCategory: String(compliance.regSCategory ?? 3) as DealDraft['regSCategory'],
    formCFileNumber: compliance.formC?.fileNumber ?? '',
    formCFiledOn: compliance.formC?.filedOn ?? '',
    chainId: deal.chainId === null ? '' : String(deal.chainId),
    // The form's datetime-local is read as UTC.
    poolLockAt: deal.poolLockAt ? deal.poolLockAt.slice(0, 16) : '',
  };
  const chains = await dealChainChoices(tenant.id, principal.userId);
  return (
    <>
      <Link href={`/issuer/deals/${deal.id}`} className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> {deal.title}
      </Link>
      <PageHeader title="Edit draft" description="Change what the review asked for, then submit the deal again from its page." />
      <NewDealWizard dealId={deal.id} initial={initial} chains={chains} />
    </>
  );
}
