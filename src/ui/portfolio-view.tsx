'use client';

import { History, Landmark, RefreshCw } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import useSWR from 'swr';
import type { EscrowHolding } from '@/server/escrow/holdings';
import type { portfolio } from '@/server/investments/portfolio';
import { AllocationChart, type Slice } from './allocation-chart';
import { api, errorMessage } from './api-client';
import { formatDate, formatDateTime, formatMoney, humanize } from './format';
import { PageHeader } from './page-header';
import { buttonClass } from './primitives/button-classes';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './primitives/card';
import { Table, TBody, TD, TH, THead, TR } from './primitives/table';
import { StatusBadge } from './status-badge';
import { statusLabel } from './status-labels';

export type PortfolioData = Awaited<ReturnType<typeof portfolio>>;
type Investment = {
  id: string;
  amount: string;
  status: string;
  paymentMethod: string;
  createdAt: string;
  chainId: number | null;
  escrow: EscrowHolding | null;
  restriction?: { legend: string; stopTransfer: boolean } | null;
};

const daysText = (n: number | null) => (n === null ? '' : n < 0 ? `${-n} day${n === -1 ? '' : 's'} overdue` : n === 0 ? 'decide today' : `${n} day${n === 1 ? '' : 's'} left`);
const shortHash = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;
/** An on-chain decision sent and not yet seen on chain, in the investor's words. */
const PENDING: Record<string, string> = {
  release: 'Release sent to the chain, waiting for confirmation',
  reject: 'Refund (rejection) sent to the chain, waiting for confirmation',
  refund_manual: 'Refund sent to the chain, waiting for confirmation',
  refund_timeout: 'Timeout refund sent to the chain, waiting for confirmation',
  extend: 'Deadline extension sent to the chain, waiting for confirmation',
};

/**
 * Where each investment's money is: the escrow's state and the days left to decide; on chain,
 * the escrow contract and the transactions that moved the money, with explorer links where the
 * chain has an explorer (none for the local chain); off chain, the platform's ledger.
 */
function EscrowHoldings({ positions }: { positions: PortfolioData['positions'] }) {
  const rows = positions.flatMap((p) => (p.investments as Investment[]).filter((i) => i.escrow).map((i) => ({ ...i, escrow: i.escrow!, dealTitle: p.dealTitle, currency: p.currency })));
  if (rows.length === 0) return null;
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Landmark className="size-4" aria-hidden /> Escrow
        </CardTitle>
        <CardDescription>Money held until your checks are cleared, then released into the deal or refunded to you.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-3">
          {rows.map((r) => (
            <li key={r.id} className="grid min-w-0 gap-1 border-b border-border pb-3 text-sm last:border-0 last:pb-0" data-testid="escrow-holding">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{r.dealTitle}</span>
                <span className="tabular-nums">{formatMoney(r.amount, r.currency)}</span>
                <StatusBadge status={r.escrow.status} label={humanize(r.escrow.status)} />
              </div>
              {r.escrow.pendingDecision && <p className="text-xs text-warning font-medium">{PENDING[r.escrow.pendingDecision] ?? 'A decision was sent to the chain, waiting for confirmation'}</p>}
              {r.escrow.status === 'held' && (
                <p className="text-xs text-muted-foreground">
                  Decision due {formatDate(r.escrow.decisionDeadline)} ({daysText(r.escrow.daysLeftToDecide)}); refunded automatically after {formatDate(r.escrow.expiresAt)}.
                </p>
              )}
              {r.escrow.onChain ? (
                <p className="text-xs break-all text-muted-foreground">
                  Escrow contract{r.escrow.chainId ? ` on chain ${r.escrow.chainId}` : ''}:{' '}
                  {r.escrow.escrowUrl ? (
                    <a href={r.escrow.escrowUrl} target="_blank" rel="noreferrer" className="font-mono text-primary-text hover:underline">
                      {r.escrow.escrowAddress}
                    </a>
                  ) : (
                    <span className="font-mono">{r.escrow.escrowAddress}</span>
                  )}
                </p>
              ) : (
                <p className="text-xs text-muted-foreground">Held in the platform’s ledger; nothing is on chain.</p>
              )}
              {r.escrow.movements.length > 0 && (
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-label="Escrow transactions">
                  {r.escrow.movements.map((m, i) => (
                    <li key={`${m.kind}-${i}`}>
                      <span className="text-muted-foreground">{humanize(m.kind)}</span>{' '}
                      {m.txHash ? (
                        m.txUrl ? (
                          <a href={m.txUrl} target="_blank" rel="noreferrer" className="font-mono text-primary-text hover:underline" title={m.txHash}>
                            {shortHash(m.txHash)}
                          </a>
                        ) : (
                          <span className="font-mono" title={m.txHash}>
                            {shortHash(m.txHash)}
                          </span>
                        )
                      ) : (
                        <span className="text-muted-foreground">{formatDateTime(m.at)}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

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

        <Card className="min-w-0">
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

      <EscrowHoldings positions={data.positions} />

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
                  <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
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

