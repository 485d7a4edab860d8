'use client';

import { History, RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import useSWR from 'swr';
import type { portfolio } from '@/server/investments/portfolio';
import { AllocationChart, type Slice } from './allocation-chart';
import { api, errorMessage } from './api-client';
import { formatDateTime, formatMoney, humanize } from './format';
import { PageHeader } from './page-header';
import { buttonClass } from './primitives/button-classes';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './primitives/card';
import { Table, TBody, TD, TH, THead, TR } from './primitives/table';
import { StatusBadge } from './status-badge';
import { statusLabel } from './status-labels';

export type PortfolioData = Awaited<ReturnType<typeof portfolio>>;
type Investment = { id: string; amount: string; status: string; paymentMethod: string; createdAt: string; restriction?: { legend: string; stopTransfer: boolean } | null };

// Decimal strings to a number only for chart proportions; displayed amounts stay strings.
const approx = (s: string) => Number.parseFloat(s) || 0;
const add = (a: string, b: string) => {
  // Exact decimal addition via bigint on a common scale.
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const toInt = (s: string) => BigInt(s.replace('.', '') + '0'.repeat(scale - (s.split('.')[1]?.length ?? 0)));
  const sum = (toInt(a) + toInt(b)).toString().padStart(scale + 1, '0');
  return scale ? `${sum.slice(0, -scale)}.${sum.slice(-scale)}` : sum;
};
const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The investor's positions, kept current with SWR against GET /api/investor/portfolio: the
 * server render is the first value, then it refreshes every 30 s, when the tab regains focus
 * and on demand, so an investment moving from escrow to confirmed shows without a reload.
 */
export function PortfolioView({ initial, brandPrimary }: { initial: PortfolioData; brandPrimary: string }) {
  // Set only by fetches in the browser, so the server render and hydration agree.
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const { data = initial, error, isValidating, mutate } = useSWR('/api/investor/portfolio', (path: string) => api<PortfolioData>(path), {
    fallbackData: initial,
    refreshInterval: 30_000,
    revalidateOnFocus: true,
    keepPreviousData: true,
    onSuccess: () => setUpdatedAt(new Date()),
  });
  const dealTitle = new Map(data.positions.map((p) => [p.dealId, p.dealTitle]));
  const currencies = [...new Set(data.positions.map((p) => p.currency))];
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Your investments, their state and their history."
        actions={
          <div className="flex flex-wrap items-center gap-3 text-sm text-muted-foreground">
            {error && (
              <span role="alert" className="text-danger">
                Could not refresh: {errorMessage(error)}
              </span>
            )}
            <span aria-live="polite" data-testid="portfolio-updated">
              {isValidating ? 'Refreshing…' : updatedAt ? `Updated ${timeOfDay.format(updatedAt)}` : 'Refreshes automatically'}
            </span>
            <button type="button" className={buttonClass('outline', 'sm')} onClick={() => void mutate()} disabled={isValidating}>
              <RefreshCw aria-hidden className={isValidating ? 'animate-spin' : undefined} /> Refresh
            </button>
          </div>
        }
      />

      <section aria-label="Totals" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {data.totals.map((t) => (
          <Card key={t.currency} data-testid={`total-${t.currency}`}>
            <CardHeader>
              <CardDescription>Total in {t.currency}</CardDescription>
              <p className="text-2xl font-semibold tracking-tight">{formatMoney(add(t.confirmed, t.pending), t.currency)}</p>
            </CardHeader>
            <CardContent className="flex gap-6 text-sm">
              <div>
                <p className="text-muted-foreground">Confirmed</p>
                <p className="font-medium">{formatMoney(t.confirmed, t.currency)}</p>
              </div>
              <div>
                <p className="text-muted-foreground">In progress</p>
                <p className="font-medium">{formatMoney(t.pending, t.currency)}</p>
              </div>
            </CardContent>
          </Card>
        ))}
      </section>

      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_24rem]">
        <Card className="min-w-0">
          <CardHeader>
            <CardTitle>Positions</CardTitle>
          </CardHeader>
          <CardContent className="px-2 sm:px-5">
            <Table>
              <caption className="sr-only">Your positions by deal</caption>
              <THead>
                <tr>
                  <TH scope="col">Deal</TH>
                  <TH scope="col">State</TH>
                  <TH scope="col" className="text-right">
                    Confirmed
                  </TH>
                  <TH scope="col" className="text-right">
                    In progress
                  </TH>
                </tr>
              </THead>
              <TBody>
                {data.positions.map((p) => {
                  const latest = (p.investments as Investment[]).at(-1);
                  const restriction = (p.investments as Investment[]).find((i) => i.restriction)?.restriction ?? null;
                  return (
                    <TR key={p.dealId} data-testid="position-row">
                      <TD>
                        <Link href={`/deals/${p.dealSlug}`} className="font-medium hover:underline">
                          {p.dealTitle}
                        </Link>
                        <p className="text-xs text-muted-foreground">
                          {humanize(p.assetType)} · {(p.investments as Investment[]).length} investment{(p.investments as Investment[]).length === 1 ? '' : 's'}
                        </p>
                        {restriction && (
                          <details className="mt-1 text-xs" data-testid="restricted-legend">
                            <summary className="cursor-pointer text-muted-foreground">
                              Restricted securities (Rule 502(d)){restriction.stopTransfer ? ' · transfers stopped' : ''}
                            </summary>
                            <p className="mt-1 max-w-prose whitespace-pre-line text-muted-foreground">{restriction.legend}</p>
                          </details>
                        )}
                      </TD>
                      <TD>{latest && <StatusBadge status={latest.status} />}</TD>
                      <TD className="text-right tabular-nums">{formatMoney(p.confirmed, p.currency)}</TD>
                      <TD className="text-right tabular-nums">{formatMoney(p.pending, p.currency)}</TD>
                    </TR>
                  );
                })}
              </TBody>
            </Table>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Allocation</CardTitle>
            <CardDescription>Confirmed and in-progress amounts by deal</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            {currencies.map((c) => {
              const slices: Slice[] = data.positions
                .filter((p) => p.currency === c)
                .map((p) => {
                  const total = add(p.confirmed, p.pending);
                  return { name: p.dealTitle, value: approx(total), label: formatMoney(total, c) };
                })
                .filter((s) => s.value > 0);
              return slices.length ? <AllocationChart key={c} slices={slices} currency={c} brandPrimary={brandPrimary} /> : null;
            })}
          </CardContent>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <History className="size-4" aria-hidden /> History
          </CardTitle>
        </CardHeader>
        <CardContent>
          {data.history.length === 0 ? (
            <p className="text-sm text-muted-foreground">No changes yet.</p>
          ) : (
            <ol className="grid gap-3">
              {data.history.map((h, i) => (
                <li key={`${h.investmentId}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border pb-3 text-sm last:border-0 last:pb-0">
                  <time dateTime={h.at} className="w-44 shrink-0 text-muted-foreground">
                    {formatDateTime(h.at)}
                  </time>
                  <span className="min-w-0 flex-1">
                    {dealTitle.get(h.dealId) ?? 'Deal'}: {h.from ? `${statusLabel(h.from)} → ` : ''}
                    <StatusBadge status={h.to} />
                    {h.reason && <span className="text-muted-foreground"> — {h.reason}</span>}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
    </>
  );
}

