import { ArrowLeft, ExternalLink, FileText, Pencil, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { dealReviewHistory } from '@/server/deals/review-history';
import { getOwnIssuer } from '@/server/issuers/service';
import { formatDate, formatMoney, humanize } from '@/ui/format';
import { SubmitForReviewButton } from '@/ui/issuer-actions';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/ui/primitives/card';
import { ReviewHistory } from '@/ui/review-history';
import { StatusBadge } from '@/ui/status-badge';
import { verificationRequirementLabel } from '@/ui/status-labels';
import { ownDealPage } from '../../own-deal';

export const metadata: Metadata = { title: 'Manage deal' };

export default async function IssuerDealPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal, deal } = await ownDealPage(id, `/issuer/deals/${id}`);
  const [history, issuer] = await Promise.all([dealReviewHistory(tenant, principal, deal.id), getOwnIssuer(tenant, principal)]);
  const lastStep = history.steps.at(-1);
  // A rejection from before the history was kept has only the deal's own reason.
  const rejection = deal.status === 'draft' ? (lastStep?.action === 'reject' ? lastStep.reason : lastStep ? null : history.reviewReason) : null;
  const m = (v: string | null) => formatMoney(v, deal.currency);
  const compliance = (deal.compliance ?? {}) as { minimumVerificationLevel?: string };
  const facts: [string, string][] = [
    ['Asset type', humanize(deal.assetType)],
    ['Target raise', m(deal.targetAmount)],
    ['Soft cap / hard cap', `${m(deal.softCap)} / ${m(deal.hardCap)}`],
    ['Minimum ticket', m(deal.minTicket)],
    ['Valuation', deal.valuation ? m(deal.valuation) : 'Not stated'],
    ['Investor verification needed', verificationRequirementLabel(compliance.minimumVerificationLevel ?? 'none')],
    ['Opens / closes', `${deal.startsAt ? formatDate(deal.startsAt) : 'On approval'} → ${deal.endsAt ? formatDate(deal.endsAt) : 'Open-ended'}`],
  ];
  return (
    <>
      <Link href="/issuer/deals" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> My deals
      </Link>
      <PageHeader
        title={deal.title}
        description={<StatusBadge status={deal.status} />}
        actions={
          <>
            {deal.status === 'draft' && (
              <Link href={`/issuer/deals/${deal.id}/edit`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                <Pencil aria-hidden /> Edit draft
              </Link>
            )}
            <Link href={`/issuer/deals/${deal.id}/content`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
              <FileText aria-hidden /> Content
            </Link>
            {deal.status === 'draft' && <SubmitForReviewButton dealId={deal.id} title={deal.title} disabled={issuer.status !== 'verified'} />}
            {deal.status !== 'draft' && deal.status !== 'pending_review' && (
              <Link href={`/issuer/deals/${deal.id}/investors`} className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                <Users aria-hidden /> Investors
              </Link>
            )}
            <Link href={`/deals/${deal.slug}`} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
              <ExternalLink aria-hidden /> Deal page
            </Link>
          </>
        }
      />
      {rejection && (
        <Alert tone="error" title="The review team asked for changes" className="mb-6">
          <p data-testid="rejection-reason" className="break-words">
            {rejection}
          </p>
          <p className="mt-1 text-xs">Edit the draft, then submit it for review again.</p>
        </Alert>
      )}
      {deal.status === 'pending_review' && (
        <Alert tone="info" title="In review" className="mb-6">
          The review team is checking the deal; you will get an email when they decide.
        </Alert>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>Terms</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt className="text-muted-foreground">{k}</dt>
                  <dd className="font-medium break-words">{v}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Review history</CardTitle>
          </CardHeader>
          <CardContent>
            <ReviewHistory steps={history.steps} />
          </CardContent>
        </Card>
      </div>
      <p className="mt-6 text-xs text-muted-foreground">{tenant.name} reviews every deal before investors can see it.</p>
    </>
  );
}
