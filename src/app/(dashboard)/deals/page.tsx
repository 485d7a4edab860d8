import { ChevronLeft, ChevronRight, SearchX, Sparkles } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { VerificationLevelRequired } from '@/server/compliance/service';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { cn } from '@/ui/cn';
import { cardDeal } from '@/ui/deal-card';
import { DealGrid } from '@/ui/deal-grid';
import { DealCardSprite } from '@/ui/icon-sprite';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Button, buttonVariants } from '@/ui/primitives/button';
import { Input, NativeSelect } from '@/ui/primitives/input';
import { VerificationGate } from '@/ui/verification-gate';
import { optionalSession } from '../../session';
import { malformedText } from '@/server/http/validation';

export const metadata: Metadata = { title: 'Deals' };

const PAGE_SIZE = 12;
const STATUS_OPTIONS = [
  ['', 'Any status'],
  ['active', 'Open for investment'],
  ['funded', 'Funded'],
  ['closed', 'Closed'],
  ['completed', 'Completed'],
] as const;
const ASSET_OPTIONS = [
  ['', 'Any asset type'],
  ['equity', 'Equity'],
  ['debt', 'Debt'],
  ['token', 'Token'],
] as const;

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function DealsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { tenant, principal } = await optionalSession();
  const sp = await searchParams;
  const raw = { search: one(sp.search) || undefined, status: one(sp.status) || undefined, assetType: one(sp.assetType) || undefined, offset: one(sp.offset) || undefined, limit: String(PAGE_SIZE) };
  const parsed = listDealsQuery.safeParse(raw);
  // Text PostgreSQL cannot store (a NUL, a lone surrogate) is a filter not understood, like any other.
  const understood = parsed.success && malformedText(raw).length === 0;
  const query = understood ? parsed.data : listDealsQuery.parse({ limit: String(PAGE_SIZE) });
  const filtered = !!(query.search || query.status || query.assetType);
  let list: Awaited<ReturnType<typeof browseDeals>>;
  let featured: typeof list | null;
  try {
    [list, featured] = await Promise.all([
      browseDeals(tenant, principal, query),
      !filtered && query.offset === 0 ? browseDeals(tenant, principal, listDealsQuery.parse({ featured: 'true', limit: '3' })) : null,
    ]);
  } catch (e) {
    if (!(e instanceof VerificationLevelRequired)) throw e;
    return (
      <>
        <PageHeader title="Deals" />
        <VerificationGate tenantName={tenant.name} signedIn={!!principal} detail={e.message} next="/deals" />
      </>
    );
  }

  const pageHref = (offset: number) => {
    const p = new URLSearchParams();
    if (query.search) p.set('search', query.search);
    if (query.status) p.set('status', query.status);
    if (query.assetType) p.set('assetType', query.assetType);
    if (offset > 0) p.set('offset', String(offset));
    const s = p.toString();
    return s ? `/deals?${s}` : '/deals';
  };
  const from = list.total === 0 ? 0 : query.offset + 1;
  const to = query.offset + list.deals.length;

  return (
    <>
      <DealCardSprite />
      <PageHeader title="Deals" description={`Opportunities offered to the ${tenant.name} community. Funds are held in escrow until you are cleared: on chain for deals that settle on chain, in the platform’s ledger for the others.`} />

      {featured && featured.deals.length > 0 && (
        <section aria-labelledby="featured-heading" className="mb-10">
          <h2 id="featured-heading" className="mb-3 flex items-center gap-2 text-sm font-semibold tracking-wide text-muted-foreground uppercase">
            <Sparkles className="size-4 text-accent-text" aria-hidden /> Featured
          </h2>
          <DealGrid deals={featured.deals.map(cardDeal)} className="grid gap-4 md:grid-cols-3" />
        </section>
      )}

      <form role="search" aria-label="Filter deals" action="/deals" className="mb-6 grid gap-3 rounded-brand border border-border bg-card p-3 shadow-sm sm:grid-cols-[1fr_auto_auto_auto]">
        <div>
          <label htmlFor="deal-search" className="sr-only">
            Search deals
          </label>
          <Input id="deal-search" type="search" name="search" defaultValue={query.search ?? ''} placeholder="Search by name, issuer or keyword" maxLength={200} />
        </div>
        <div>
          <label htmlFor="deal-status" className="sr-only">
            Status
          </label>
          <NativeSelect id="deal-status" name="status" defaultValue={query.status ?? ''}>
            {STATUS_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="deal-asset" className="sr-only">
            Asset type
          </label>
          <NativeSelect id="deal-asset" name="assetType" defaultValue={query.assetType ?? ''}>
            {ASSET_OPTIONS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit">Search</Button>
      </form>

      {!understood && <p className="mb-4 text-sm text-danger">Some filters in the address were not understood and were ignored.</p>}

      <section aria-labelledby="all-heading">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="all-heading" className="text-lg font-semibold">
            {filtered ? 'Matching deals' : 'All deals'}
          </h2>
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="deal-count">
            {list.total === 0 ? 'No deals' : `${from}–${to} of ${list.total}`}
          </p>
        </div>
        {list.deals.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title={filtered ? 'No deals match these filters' : 'No deals yet'}
            action={
              filtered ? (
                <Link href="/deals" className={buttonVariants({ variant: 'outline' })}>
                  Clear filters
                </Link>
              ) : undefined
            }
          >
            {filtered ? 'Try fewer words or another status or asset type.' : 'New opportunities appear here as soon as they are approved. Check back soon.'}
          </EmptyState>
        ) : (
          <DealGrid deals={list.deals.map(cardDeal)} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" />
        )}
        {(query.offset > 0 || list.hasMore) && (
          <nav aria-label="Pagination" className="mt-8 flex items-center justify-between gap-3">
            <Link
              href={pageHref(Math.max(0, query.offset - PAGE_SIZE))}
              aria-disabled={query.offset === 0}
              tabIndex={query.offset === 0 ? -1 : undefined}
              className={cn(buttonVariants({ variant: 'outline' }), query.offset === 0 && 'pointer-events-none opacity-50')}
            >
              <ChevronLeft aria-hidden /> Previous
            </Link>
            <Link
              href={pageHref(query.offset + PAGE_SIZE)}
              aria-disabled={!list.hasMore}
              tabIndex={!list.hasMore ? -1 : undefined}
              className={cn(buttonVariants({ variant: 'outline' }), !list.hasMore && 'pointer-events-none opacity-50')}
            >
              Next <ChevronRight aria-hidden />
            </Link>
          </nav>
        )}
      </section>
    </>
  );
}
