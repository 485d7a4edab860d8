import { Building2, FilePlus2, Hourglass, Rocket, ShieldCheck } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { issuerDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { NotFound } from '@/server/errors';
import { getOwnIssuer } from '@/server/issuers/service';
import { cn } from '@/ui/cn';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatMoney } from '@/ui/format';
import { IssuerProfileForm, SubmitForReviewButton } from '@/ui/issuer-actions';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { buttonVariants } from '@/ui/primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { ProgressBar } from '@/ui/progress-bar';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';

export const metadata: Metadata = { title: 'My deals' };

export default async function IssuerDealsPage() {
  const { tenant, principal } = await requireSession('/issuer/deals', ['issuer']);
  const issuer = await getOwnIssuer(tenant, principal).catch((e) => {
    if (e instanceof NotFound) return null;
    throw e;
  });
  const list = issuer ? await issuerDeals(tenant, principal, listDealsQuery.parse({ limit: '100' })) : { deals: [], total: 0 };
  const verified = issuer?.status === 'verified';

  return (
    <>
      <PageHeader
        title="My deals"
        description={issuer ? `Raising as ${issuer.profile.displayName}` : 'Raise money from the community.'}
        actions={
          issuer && (
            <>
              <Link href="/issuer/profile" className={buttonVariants({ variant: 'outline' })}>
                <Building2 aria-hidden /> Issuer profile
              </Link>
              <Link href="/issuer/compliance" className={buttonVariants({ variant: 'outline' })}>
                <ShieldCheck aria-hidden /> Compliance
              </Link>
              <Link href="/issuer/deals/new" className={buttonVariants()}>
                <FilePlus2 aria-hidden /> New deal
              </Link>
            </>
          )
        }
      />

      {!issuer && (
        <Card className="max-w-2xl">
          <CardHeader>
            <CardTitle>Create your issuer profile</CardTitle>
            <CardDescription>Tell us which legal entity raises the money. The platform team verifies it before your first deal can go live.</CardDescription>
          </CardHeader>
          <CardContent>
            <IssuerProfileForm />
          </CardContent>
        </Card>
      )}
      {issuer && !verified && (
        <Alert tone="info" title={issuer.status === 'pending' ? 'Your issuer profile is being verified' : `Your issuer profile is ${issuer.status}`} className="mb-6">
          {issuer.status === 'pending'
            ? 'You can prepare deals as drafts now; you can submit them for review once the platform team has verified your profile.'
            : (issuer.reviewReason ?? 'Contact the platform team to find out more.')}
        </Alert>
      )}

      {issuer &&
        (list.deals.length === 0 ? (
          <EmptyState
            icon={Rocket}
            title="No deals yet"
            action={
              <Link href="/issuer/deals/new" className={buttonVariants()}>
                Create your first deal
              </Link>
            }
          >
            Describe your offering, set the amounts and dates, then submit it for review.
          </EmptyState>
        ) : (
          <Card>
            <CardContent className="px-3 pt-3 sm:px-5">
              <Table stacked>
                <caption className="sr-only">Your deals</caption>
                <THead stacked>
                  <tr>
                    <TH scope="col">Deal</TH>
                    <TH scope="col">Status</TH>
                    <TH scope="col" className="min-w-40">
                      Raised
                    </TH>
                    <TH scope="col">Closes</TH>
                    <TH scope="col">
                      <span className="sr-only">Actions</span>
                    </TH>
                  </tr>
                </THead>
                <TBody stacked>
                  {list.deals.map((d) => (
                    <TR key={d.id} stacked data-testid="issuer-deal-row">
                      <TD className="max-md:p-0">
                        <Link href={`/issuer/deals/${d.id}`} className="font-medium break-words hover:underline">
                          {d.title}
                        </Link>
                        <p className="text-xs text-muted-foreground">Target {formatMoney(d.targetAmount, d.currency)}</p>
                      </TD>
                      <TD label="Status">
                        <StatusBadge status={d.status} />
                      </TD>
                      <TD label="Raised">
                        <p className="mb-1 text-xs">
                          {formatMoney(d.progress.raised, d.currency, { compact: true })} · {d.progress.percent}%
                        </p>
                        <ProgressBar percent={d.progress.percent} label={`${d.title} raised`} className="max-md:w-32" />
                      </TD>
                      <TD label="Closes" className="whitespace-nowrap">
                        {formatDate(d.endsAt)}
                      </TD>
                      <TD className="text-right max-md:p-0 max-md:pt-1 max-md:text-left">
                        {d.status === 'draft' ? (
                          <SubmitForReviewButton dealId={d.id} title={d.title} disabled={!verified} />
                        ) : d.status === 'pending_review' ? (
                          <span className={cn('inline-flex items-center gap-1 text-xs text-muted-foreground')}>
                            <Hourglass className="size-3.5" aria-hidden /> In review
                          </span>
                        ) : (
                          <Link href={`/issuer/deals/${d.id}/investors`} className="text-sm font-medium text-primary-text hover:underline">
                            Investors
                          </Link>
                        )}
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </CardContent>
          </Card>
        ))}
    </>
  );
}
