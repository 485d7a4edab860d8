import { ArrowLeft, CalendarClock, ShieldCheck, Users } from 'lucide-react';
import type { Metadata } from 'next';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { listDealComments } from '@/server/deal-content/comments';
import { dealWithContent } from '@/server/deal-content/deal-page';
import { listDealReviews } from '@/server/deal-content/reviews';
import { VerificationLevelRequired } from '@/server/compliance/service';
import { NotFound } from '@/server/errors';
import { getOwnIssuer } from '@/server/issuers/service';
import { CommentThread } from '@/ui/comment-thread';
import { DealDocuments, DealFaqs, DealGroups, DealMedia, DealRequirements, DealReviewSummary, DealSection, DealUpdates, type DealDocument, type DealFaq, type DealMediaItem, type DealRequirement } from '@/ui/deal-content';
import { listDealGroups } from '@/server/deal-content/groups';
import { ASSET_ICON } from '@/ui/asset-icon';
import { DealReviewList, type DealReview } from '@/ui/deal-reviews';
import { formatDate, formatMoney, humanize } from '@/ui/format';
import { InvestButton } from '@/ui/invest-button';
import { Card, CardContent, CardHeader, CardTitle } from '@/ui/primitives/card';
import { ProgressBar } from '@/ui/progress-bar';
import { StatusBadge } from '@/ui/status-badge';
import { verificationRequirementLabel } from '@/ui/status-labels';
import { optionalSession } from '../../../session';

// Only investors of the deal get the review form's JavaScript.
const ReviewForm = dynamic(() => import('@/ui/review-form').then((m) => m.ReviewForm));

const loadDeal = cache(async (slug: string) => {
  const { tenant, principal } = await optionalSession();
  try {
    const deal = await dealWithContent(tenant, principal, slug);
    const [{ comments, canModerate }, reviews, { groups: allGroups }] = await Promise.all([listDealComments(tenant, principal, deal.id), listDealReviews(tenant, principal, deal.id), listDealGroups(tenant, principal)]);
    // The campaigns (deal groups) this deal is part of.
    const groups = allGroups.filter((g) => g.deals.some((d) => d.id === deal.id));
    // Issuers do not invest in their own deals: the panel offers to manage it instead.
    const ownIssuer = principal?.roles.includes('issuer') ? await getOwnIssuer(tenant, principal).catch((e: unknown) => {
          if (e instanceof NotFound) return null;
          throw e;
        })
      : null;
    return { deal, comments, canModerate, reviews, principal, groups, ownDeal: ownIssuer?.id === deal.issuer.id };
  } catch (e) {
    if (e instanceof NotFound) notFound();
    // The tenant shows deals to verified members only: the deals page says what is needed.
    if (e instanceof VerificationLevelRequired) redirect('/deals');
    throw e;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { deal } = await loadDeal((await params).slug);
  return { title: deal.title, description: deal.summary || undefined };
}

const REGIME: Record<string, string> = { reg_d_506b: 'Reg D 506(b)', reg_d_506c: 'Reg D 506(c)', reg_s: 'Reg S', reg_cf: 'Reg CF', reg_a_tier1: 'Reg A Tier 1', reg_a_tier2: 'Reg A Tier 2' };

export default async function DealPage({ params }: { params: Promise<{ slug: string }> }) {
  const { deal, comments, canModerate, reviews, principal, groups, ownDeal } = await loadDeal((await params).slug);
  const myReview = principal ? (reviews.reviews as DealReview[]).find((r) => r.author.id === principal.userId) : undefined;
  // dealWithContent spreads its item lists under computed keys, which TypeScript does not follow.
  const items = deal as unknown as { keyTerms: unknown[]; faqs: unknown[]; requiredDocuments: DealRequirement[] };
  const loginHref = `/login?next=${encodeURIComponent(`/deals/${deal.slug}`)}`;
  const Icon = ASSET_ICON[deal.assetType as keyof typeof ASSET_ICON];
  const m = (v: string | null) => formatMoney(v, deal.currency);
  const compliance = (deal.compliance ?? {}) as { regimes?: string[]; minimumVerificationLevel?: string; allowedCountries?: string[]; blockedCountries?: string[] };
  const terms: [string, string][] = [
    ['Asset type', humanize(deal.assetType)],
    ['Currency', deal.currency],
    ['Target raise', m(deal.targetAmount)],
    ['Soft cap', m(deal.softCap)],
    ['Hard cap', m(deal.hardCap)],
    ['Minimum ticket', m(deal.minTicket)],
    ['Maximum per investor', deal.maxTicket ? m(deal.maxTicket) : 'No limit'],
    ...(deal.valuation ? [['Valuation', m(deal.valuation)] as [string, string]] : []),
    ['Opens', formatDate(deal.startsAt)],
    ['Closes', formatDate(deal.endsAt)],
    ['Offering rules', compliance.regimes?.length ? compliance.regimes.map((r) => REGIME[r] ?? r).join(', ') : 'None stated'],
    ...(compliance.minimumVerificationLevel ? [['Verification needed', verificationRequirementLabel(compliance.minimumVerificationLevel)] as [string, string]] : []),
    // The issuer's own terms (coupon, term, ...) after the platform's.
    ...(items.keyTerms as { label: string; value: string }[]).map((t) => [t.label, t.value] as [string, string]),
  ];
  const faqs = items.faqs as DealFaq[];

  const funding = (
          <Card>
            <CardHeader>
              <CardTitle>Funding</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tracking-tight" data-testid="raised">
                {m(deal.progress.raised)}
              </p>
              <p className="mt-1 text-sm text-muted-foreground">raised of {m(deal.targetAmount)} target</p>
              <ProgressBar className="mt-4 h-2.5" percent={deal.progress.percent} label="Funding progress" />
              <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
                <div>
                  <dt className="text-muted-foreground">Funded</dt>
                  <dd className="font-semibold" data-testid="percent">
                    {deal.progress.percent}%
                  </dd>
                </div>
                <div>
                  <dt className="flex items-center gap-1 text-muted-foreground">
                    <Users className="size-3.5" aria-hidden /> Investors
                  </dt>
                  <dd className="font-semibold" data-testid="investors">
                    {deal.progress.investors}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Committed</dt>
                  <dd className="font-semibold" data-testid="committed">
                    {m(deal.progress.committed)}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Still available</dt>
                  <dd className="font-semibold">{m(deal.progress.remainingCapacity)}</dd>
                </div>
              </dl>
              <div className="mt-6">
                {ownDeal ? (
                  <p className="rounded-md bg-muted p-3 text-sm text-muted-foreground">
                    This is your deal.{' '}
                    <Link href={`/issuer/deals/${deal.id}`} className="font-medium text-primary-text hover:underline">
                      Manage it
                    </Link>
                  </p>
                ) : (
                  <InvestButton
                    deal={{
                      id: deal.id,
                      slug: deal.slug,
                      title: deal.title,
                      currency: deal.currency,
                      minTicket: deal.minTicket,
                      maxTicket: deal.maxTicket,
                      status: deal.status,
                      offshore: ((deal.compliance as { regimes?: string[] } | null)?.regimes ?? []).includes('reg_s'),
                      chainId: deal.chainId,
                      chainName: deal.settlement.chainName,
                      confirmations: deal.settlement.confirmations ?? undefined,
                    }}
                    signedIn={!!principal}
                  />
                )}
              </div>
              {deal.endsAt && (
                <p className="mt-4 flex items-center gap-2 text-xs text-muted-foreground">
                  <CalendarClock className="size-4" aria-hidden /> Closes {formatDate(deal.endsAt)}
                </p>
              )}
              <p className="mt-2 flex items-start gap-2 text-xs text-muted-foreground" data-testid="deal-settlement">
                <ShieldCheck className="size-4 shrink-0" aria-hidden />
                {deal.settlement.rail === 'chain' ? (
                  <span>
                    Settles on {deal.settlement.chainName}: your wallet funds an escrow contract of its own, released into the sale only once your identity checks are cleared, otherwise refunded to your wallet.
                    {deal.settlement.saleAddress && (
                      <>
                        {' '}Sale contract{' '}
                        {deal.settlement.explorerUrl ? (
                          <a href={deal.settlement.explorerUrl} target="_blank" rel="noreferrer" className="font-mono text-primary-text hover:underline">
                            {deal.settlement.saleAddress}
                          </a>
                        ) : (
                          <span className="font-mono break-all">{deal.settlement.saleAddress}</span>
                        )}
                        .
                      </>
                    )}
                    {deal.settlement.pool && (
                      <span data-testid="deal-pool">
                        {' '}Pool (contributions until {formatDate(deal.settlement.pool.lockAt)}){' '}
                        {deal.settlement.pool.address ? (
                          deal.settlement.pool.explorerUrl ? (
                            <a href={deal.settlement.pool.explorerUrl} target="_blank" rel="noreferrer" className="font-mono break-all text-primary-text hover:underline">
                              {deal.settlement.pool.address}
                            </a>
                          ) : (
                            <span className="font-mono break-all">{deal.settlement.pool.address}</span>
                          )
                        ) : (
                          'being deployed'
                        )}
                        .
                      </span>
                    )}
                  </span>
                ) : (
                  <span>Paid by wire, card or ACH and recorded in the platform’s ledger: nothing is held on chain. Your investment is confirmed once your identity checks are cleared and the payment has arrived.</span>
                )}
              </p>
            </CardContent>
          </Card>
  );

  return (
    <>
      <Link href="/deals" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All deals
      </Link>
      {/* On phones the funding panel follows the deal's heading, before the long read and the discussion. */}
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem] lg:gap-y-0">
        <div className="min-w-0 lg:col-start-1">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={deal.status} />
            <span className="inline-flex items-center gap-1.5 text-sm text-muted-foreground">
              {Icon && <Icon className="size-4" aria-hidden />} {humanize(deal.assetType)} · by {deal.issuer.name}
            </span>
          </div>
          <h1 className="mt-3 text-3xl font-semibold tracking-tight sm:text-4xl">{deal.title}</h1>
          {deal.summary && <p className="mt-3 text-lg text-muted-foreground">{deal.summary}</p>}
        </div>

        <aside className="lg:sticky lg:top-24 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start" aria-label="Funding and investing">
          {funding}
        </aside>

        <div className="min-w-0 lg:col-start-1">
          <section aria-labelledby="about-heading" className="lg:mt-8">
            <h2 id="about-heading" className="mb-3 text-xl font-semibold">
              About this deal
            </h2>
            {deal.descriptionHtml.trim() ? (
              <div className="prose-deal max-w-none" dangerouslySetInnerHTML={{ __html: deal.descriptionHtml }} />
            ) : (
              <p className="text-muted-foreground">The issuer has not written a description yet.</p>
            )}
          </section>

          <section aria-labelledby="terms-heading" className="mt-10">
            <h2 id="terms-heading" className="mb-3 text-xl font-semibold">
              Key terms
            </h2>
            <div className="overflow-hidden rounded-brand border border-border bg-card">
              <table className="w-full text-sm">
                <caption className="sr-only">Key terms of {deal.title}</caption>
                <tbody className="divide-y divide-border">
                  {terms.map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row" className="w-1/2 px-4 py-3 text-left font-medium text-muted-foreground">
                        {k}
                      </th>
                      <td className="px-4 py-3 font-medium">{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {deal.media.length > 0 && (
            <DealSection id="media" title="Photos and videos">
              <DealMedia media={deal.media as DealMediaItem[]} />
            </DealSection>
          )}

          {faqs.length > 0 && (
            <DealSection id="faqs" title="Questions and answers">
              <DealFaqs faqs={faqs} />
            </DealSection>
          )}

          <DealSection id="documents" title="Documents">
            <DealDocuments documents={deal.documents as DealDocument[]} signedIn={!!principal} loginHref={loginHref} />
          </DealSection>

          {items.requiredDocuments.length > 0 && (
            <DealSection id="requirements" title="What you will need to provide">
              <DealRequirements items={items.requiredDocuments} />
            </DealSection>
          )}

          {groups.length > 0 && (
            <DealSection id="groups" title="Part of">
              <DealGroups groups={groups} currentId={deal.id} />
            </DealSection>
          )}

          {deal.updates.length > 0 && (
            <DealSection id="updates" title="Updates from the issuer">
              <DealUpdates updates={deal.updates} />
            </DealSection>
          )}

          <DealSection id="reviews" title="Investor reviews">
            <DealReviewSummary count={reviews.count} averageRating={reviews.averageRating} />
            {reviews.canReview && <ReviewForm dealId={deal.id} mine={myReview ? { rating: myReview.rating, body: myReview.body } : null} />}
            <DealReviewList reviews={reviews.reviews} viewerId={principal?.userId ?? null} />
          </DealSection>

          <DealSection id="discussion" title="Discussion">
            <CommentThread dealId={deal.id} comments={comments} viewer={principal && { userId: principal.userId, canModerate }} loginHref={loginHref} />
          </DealSection>
        </div>

      </div>
    </>
  );
}
